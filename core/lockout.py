"""The answer to a locked-out sign-in (django-axes calls this): JSON under /api/, a page elsewhere.

One place for the wording, whichever way the password came: HTTP Basic, /login/ or the admin.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    wait = settings.AXES_COOLOFF_TIME
    minutes = f"{wait.total_seconds() / 60:g}"
    if request.path.startswith("/api/"):
        detail = (
            f"too many failed sign-ins for this user from this address; "
            f"try again in {minutes} minutes"
        )
        response: HttpResponse = JsonResponse({"detail": detail}, status=429)
    else:
        username = (credentials or {}).get("username") or request.POST.get("username", "")
        context = {"username": username, "minutes": minutes}
        response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(wait.total_seconds()))
    return response
