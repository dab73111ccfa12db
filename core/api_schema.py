"""The OpenAPI document's two views, built on their first request, and its paths as the issue
names them. The document's content is core.api_contract's and the views' (core.api_docs)."""

import threading
from collections.abc import Callable
from typing import Any

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt


def without_trailing_slash(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Routes accept both forms; the document names each path without the slash."""
    result["paths"] = {
        (path.rstrip("/") or "/"): item for path, item in result.get("paths", {}).items()
    }
    return result


def _built_on_first_request(build: Callable[[], Callable[..., HttpResponse]]) -> Callable:
    """A view that builds the real one when it is first asked for. drf-spectacular's views
    bring its renderers, PyYAML and Swagger UI's settings into every worker, for two pages a
    person opens now and then. The schema generator passes over a plain function, as it
    passed over the real views: the document does not change.

    Requests are answered one at a time until one succeeds: drf-spectacular's first schema
    build in a process loads its extensions' classes in place, and builds running beside it
    failed with 500s (five of six requests at once to a fresh worker)."""
    built: list[Callable[..., HttpResponse]] = []
    answered = False
    once = threading.Lock()

    @csrf_exempt  # as DRF's views are; they answer GET only
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        nonlocal answered
        if answered:
            return built[0](request, *args, **kwargs)
        with once:
            if not built:
                built.append(build())
            response = built[0](request, *args, **kwargs)
            if response.status_code < 400:
                answered = True
            return response

    return view


def _schema() -> Callable[..., HttpResponse]:
    from drf_spectacular.views import SpectacularAPIView

    return SpectacularAPIView.as_view()


def _docs() -> Callable[..., HttpResponse]:
    """The split view serves Swagger UI's start-up script as a file: the CSP refuses inline
    script. Swagger UI sets inline styles, which this one staff-only page alone may do."""
    from drf_spectacular.views import SpectacularSwaggerSplitView

    return csp_update({"style-src": [UNSAFE_INLINE]})(
        SpectacularSwaggerSplitView.as_view(url_name="schema")
    )


schema_view = _built_on_first_request(_schema)
docs_view = _built_on_first_request(_docs)
