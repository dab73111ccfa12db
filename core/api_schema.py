"""The OpenAPI document: paths as the issue names them, and every Basic scheme described."""

from typing import Any

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView


class BasicSchemeForSubclasses(OpenApiAuthenticationExtension):
    """Subclasses of DRF's Basic authentication are still HTTP Basic to a client."""

    target_class = "rest_framework.authentication.BasicAuthentication"
    match_subclasses = True
    priority = -1
    name = "basicAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "basic"}


def without_trailing_slash(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Routes accept both forms; the document names each path without the slash."""
    result["paths"] = {
        (path.rstrip("/") or "/"): item for path, item in result.get("paths", {}).items()
    }
    return result


schema_view = SpectacularAPIView.as_view()
# The split view serves Swagger UI's start-up script as a file: the CSP refuses inline script.
# Swagger UI sets inline styles, which this one staff-only page alone may do.
docs_view = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)
