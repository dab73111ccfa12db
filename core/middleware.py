from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from core.context import Origin, acting, request_face


class ChangeOriginMiddleware:
    """Binds the request to the versions its changes record (who, and through which face)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting(Origin(face=request_face(request), request=request)):
            return self.get_response(request)
