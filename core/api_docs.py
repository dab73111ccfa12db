"""What the views say about themselves in the OpenAPI document, kept until a document is built.

drf-spectacular's `extend_schema` builds its schema class when a view is defined, and that
class derives from DEFAULT_SCHEMA_CLASS: defining the API's views imported the whole schema
generator (drf_spectacular.openapi, its extensions, every contrib module) into every worker,
about 1.2 MB of each, for a document a person asks for now and then. Here `extend_schema`
checks its arguments and notes them; `with_annotations`, a preprocessing hook, hands them to
drf-spectacular's decorator in the same order before any view is inspected. Every build runs
the hook (any generator, the schema view, `manage.py spectacular`, the deploy check), after the
URLconf has imported the views. drf-spectacular's decorator changes the function or class it
is given and returns it, so applying it later annotates the very objects the URLconf holds: it
must be the outermost decorator (a wrapper above it would not carry the annotation). Its other
helpers (`inline_serializer`, `OpenApiParameter`, …) are light and stay as they are.
"""

import inspect
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular import utils
from rest_framework import serializers

Decorated = TypeVar("Decorated", bound=Callable[..., Any])

# {"detail": "..."}: every error but a validation error, and some answers that are not errors.
DETAIL = utils.inline_serializer("Detail", {"detail": serializers.CharField()})

_deferred: deque[tuple[Callable[..., Any], dict[str, Any]]] = deque()
_applying = threading.Lock()


def extend_schema(**annotation: Any) -> Callable[[Decorated], Decorated]:
    """drf-spectacular's `extend_schema`, applied when the first document is built; a wrong
    argument still fails where the view is defined."""
    inspect.signature(utils.extend_schema).bind(**annotation)

    def note(view: Decorated) -> Decorated:
        _deferred.append((view, annotation))
        return view

    return note


def with_annotations(endpoints: list[Any]) -> list[Any]:
    """The preprocessing hook (SPECTACULAR_SETTINGS): annotate every view noted so far, once,
    a method's before its class's, as they were defined."""
    with _applying:
        while _deferred:
            view, annotation = _deferred[0]
            utils.extend_schema(**annotation)(view)
            _deferred.popleft()
    return endpoints
