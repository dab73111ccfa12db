"""The API's contract beyond what drf-spectacular reads from the views: the error answers of
every operation, so that a client generated from /api/schema/ parses them, and /api/health.

The error answers are added once, here, from what each operation takes (auth, path and query
parameters, a body, an id in the body, its method); their bodies are the shapes that
core.errors.api_exception_handler and core.lockout produce. This module is
DEFAULT_SCHEMA_CLASS's home, so it must not import drf_spectacular.views (whose views ask for
that class while they are defined). Nothing imports it but that setting: it is loaded when a
document is first built (core.api_docs).
"""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance, is_serializer

from core.api_docs import DETAIL
from core.api_fields import Id


class BasicSchemeForSubclasses(OpenApiAuthenticationExtension):
    """Subclasses of DRF's Basic authentication are still HTTP Basic to a client."""

    target_class = "rest_framework.authentication.BasicAuthentication"
    match_subclasses = True
    priority = -1
    name = "basicAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "basic"}


# Django's ValidationError and DRF's serializer errors: field -> messages, errors not tied to
# one field under non_field_errors; a list or object field's errors nest by index or key. A
# body that is not JSON (or nests too deeply) answers {"detail": ...} with the same status.
MESSAGES = {"type": "array", "items": {"type": "string"}}
FIELD_ERRORS = ResolvedComponent(
    name="FieldErrors",
    type=ResolvedComponent.SCHEMA,
    object="FieldErrors",
    schema={
        "type": "object",
        "description": "what is wrong with the request, field by field",
        "properties": {"non_field_errors": MESSAGES, "detail": {"type": "string"}},
        "additionalProperties": {"oneOf": [MESSAGES, {"$ref": "#/components/schemas/FieldErrors"}]},
    },
)

ERRORS: dict[str, tuple[str, dict[str, Any]]] = {
    "400": ("the request is not valid; the body names each field's problems", {}),
    "401": (
        "no or wrong credentials",
        {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Basic realm"}},
    ),
    "403": ("the user lacks the permission this operation needs", {}),
    "404": ("no such item", {}),
    "409": ("the item is in use, or the state does not allow this now", {}),
    "429": (
        "too many failed sign-ins for this user from this address",
        {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}},
    ),
}


def error_statuses(method: str, operation: dict[str, Any], names_an_item: bool) -> list[str]:
    """The error statuses an operation can answer, judged from what it takes.

    Signing in can fail (401, or 429 once locked out) and permissions can refuse (403); a body
    or a query can be invalid (400); a path, a query or an id in the body can name a missing
    item (404); a deletion can meet an item in use (409). An operation that can fail otherwise
    (an action refused by the state it finds) declares that status in its own responses.
    """
    parameters = operation.get("parameters", [])
    where = {p["in"] for p in parameters}
    # A query that is not a yes/no flag names something: a page, a provider.
    naming_query = any(
        p["in"] == "query" and p["schema"].get("type") != "boolean" for p in parameters
    )
    statuses = []
    if operation.get("security"):
        statuses += ["401", "403", "429"]
    if "requestBody" in operation or "query" in where:
        statuses.append("400")
    if "path" in where or naming_query or names_an_item:
        statuses.append("404")
    if method == "DELETE":
        statuses.append("409")
    return statuses


class ContractSchema(AutoSchema):
    """drf-spectacular's AutoSchema, plus the error answers every operation can give.

    An operation that declares an error status keeps its own description; one it declares
    without a body gets the shared body.
    """

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation["responses"]
        names_an_item = "requestBody" in operation and self._body_names_an_item()
        for status in error_statuses(self.method, operation, names_an_item):
            responses.setdefault(status, {})
        for status, response in responses.items():
            if status.isdigit() and int(status) >= 400 and "content" not in response:
                responses[status] = self._error_response(status)
        return operation

    def _body_names_an_item(self) -> bool:
        """A body field holding one item's id (not a list of them) can name a missing item."""
        serializer = force_instance(self.get_request_serializer())
        fields = serializer.fields.values() if is_serializer(serializer) else []
        return any(isinstance(field, Id) for field in fields)

    def _error_response(self, status: str) -> dict[str, Any]:
        description, headers = ERRORS.get(status, ("", {}))
        if status == "400":
            self.registry.register_on_missing(FIELD_ERRORS)
            response = self._get_response_for_code(FIELD_ERRORS.ref, status)
        else:
            response = self._get_response_for_code(DETAIL, status)
        response["description"] = description
        if headers:
            response["headers"] = headers
        return response


HEALTH = {
    "get": {
        "operationId": "health",
        "summary": "Liveness for container health checks: no auth, no database",
        "tags": ["health"],
        "security": [],
        "responses": {
            "200": {
                "description": "the server answers",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {"status": {"type": "string", "enum": ["ok"]}},
                            "required": ["status"],
                        }
                    }
                },
            }
        },
    }
}


def with_health(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """/api/health is a plain Django view (it must not touch the database), so the generator
    does not see it; its contract is written here and the schema tests call it."""
    result["paths"] = {"/api/health": HEALTH, **result.get("paths", {})}
    return result
