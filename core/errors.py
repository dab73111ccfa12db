"""Errors the services raise, and how every face turns them into a clear answer.

Services raise Django's ValidationError (field -> messages) or a `UserError` (NotFound,
Conflict, and the apps' own: unreadable secrets, an unusable config.json…); the API maps them
to JSON with the error's status, the admin and commands show the message. The apps subclass
`UserError` rather than this module knowing their errors, so it stays below all of them.
"""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from filelock import Timeout as LockTimeout
from rest_framework import status

if TYPE_CHECKING:
    from rest_framework.response import Response

LOCKED_DETAIL = "config.json is locked by another writer; try again"


class UserError(Exception):
    """An error whose message is meant for the person who asked, answered with `status`."""

    status = status.HTTP_400_BAD_REQUEST

    def detail(self) -> str:
        return str(self)


class NotFound(UserError):
    status = status.HTTP_404_NOT_FOUND


class Conflict(UserError):
    status = status.HTTP_409_CONFLICT


def validation_messages(error: ValidationError) -> dict[str, list[str]]:
    """Field -> messages, with errors not tied to a field under `non_field_errors`."""
    if hasattr(error, "error_dict"):
        return {
            ("non_field_errors" if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def one_line(error: Exception) -> str:
    """A service error as one line, for commands and admin messages."""
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "non_field_errors" else " ".join(messages)
            for field, messages in validation_messages(error).items()
        )
    return str(error)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> "Response | None":
    # Imported here: every app's models import this module, and DRF's views and serializers
    # are needed by requests only, not by commands (a quarter of bootstrap's start-up).
    from rest_framework import exceptions
    from rest_framework.response import Response
    from rest_framework.views import exception_handler

    if isinstance(exc, ValidationError):
        return Response(validation_messages(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, UserError):
        return Response({"detail": exc.detail()}, status=exc.status)
    if isinstance(exc, LockTimeout):
        return Response({"detail": LOCKED_DETAIL}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
    response = exception_handler(exc, context)
    if response is not None and isinstance(
        exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed
    ):
        response["WWW-Authenticate"] = 'Basic realm="triplo-config"'
        response.status_code = status.HTTP_401_UNAUTHORIZED
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400 (an oversized body, a bad Host) as JSON under /api/, its HTML page elsewhere.

    Django raises these before DRF sees the request, so the API exception handler never runs.
    """
    if not request.path.startswith("/api/"):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        detail = f"the request body is larger than {limit:,} bytes"
    else:
        detail = "bad request"
    return JsonResponse({"detail": detail}, status=400)
