"""What the views say about themselves in the OpenAPI document, kept until a document is built.

drf-spectacular's `extend_schema` builds its schema class when a view is defined, and that
class derives from DEFAULT_SCHEMA_CLASS: defining the API's views imported the whole schema
generator (drf_spectacular.openapi, its extensions, every contrib module; about 5 MB) into
every worker, for a document a person asks for now and then. Here `extend_schema` only notes
what it was given; `apply_deferred()` hands it to drf-spectacular's, in the same order, before
the first document is built (core.api_contract.ContractGenerator, which every build uses: the
schema view, `manage.py spectacular`, the deploy check). drf-spectacular's decorator changes
the function or class it is given and returns it, so applying it later annotates the very
objects the URLconf holds. Its other helpers (`inline_serializer`, `OpenApiParameter`, …) are
light and stay as they are.
"""

import threading
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

Decorated = TypeVar("Decorated", bound=Callable[..., Any])

# {"detail": "..."}: every error but a validation error, and some answers that are not errors.
DETAIL = inline_serializer("Detail", {"detail": serializers.CharField()})

_deferred: deque[tuple[Callable[..., Any], dict[str, Any]]] = deque()
_applying = threading.Lock()


def extend_schema(**annotation: Any) -> Callable[[Decorated], Decorated]:
    """drf-spectacular's `extend_schema`, applied when the first document is built."""

    def note(view: Decorated) -> Decorated:
        _deferred.append((view, annotation))
        return view

    return note


def apply_deferred() -> None:
    """Annotate every view noted so far, once; a method's before its class's, as defined."""
    from drf_spectacular.utils import extend_schema as annotate

    with _applying:
        while _deferred:
            view, annotation = _deferred.popleft()
            annotate(**annotation)(view)
