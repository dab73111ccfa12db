"""JSON parsing that answers 400, never 500, for hostile bodies."""

from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64


def nesting_depth(value: Any) -> int:
    """How deeply lists and objects nest (iteratively: a hostile body cannot blow the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend(
                (child, depth + 1) for child in (item.values() if isinstance(item, dict) else item)
            )
    return deepest


class StrictJSONParser(JSONParser):
    """DRF's parser, plus a nesting limit: no view has to walk an arbitrarily deep body, and
    nesting deep enough to exhaust the parser's stack is a parse error too."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
            depth = MAX_DEPTH + 1
        else:
            depth = nesting_depth(data)
        if depth > MAX_DEPTH:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels")
        return data
