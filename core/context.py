"""Who is changing the configuration, and through which face, for the version being recorded.

A middleware binds the request (the user is read only when a version is recorded, because
DRF authenticates inside the view); commands bind a fixed actor. Nothing bound: the command line.
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

API, ADMIN, PAGE, COMMAND = "api", "admin", "page", "command"
FACES = (API, ADMIN, PAGE, COMMAND)


@dataclass(frozen=True)
class Origin:
    face: str
    actor: str = ""
    request: HttpRequest | None = None

    def who(self) -> str:
        if self.request is not None:
            user = getattr(self.request, "user", None)
            if user is not None and user.is_authenticated:
                return user.get_username()
            return "anonymous"
        return self.actor


_origin: ContextVar[Origin | None] = ContextVar("triplo_change_origin", default=None)
CLI = Origin(face=COMMAND, actor="cli")


def current() -> Origin:
    return _origin.get() or CLI


@contextmanager
def acting(origin: Origin) -> Iterator[None]:
    token = _origin.set(origin)
    try:
        yield
    finally:
        _origin.reset(token)


def as_actor(actor: str) -> AbstractContextManager[None]:
    """A command acting for someone other than "cli", e.g. "env" or "import"."""
    return acting(Origin(face=COMMAND, actor=actor))


def request_face(request: HttpRequest) -> str:
    """The face, from the route and how the caller signs in; never from a client's say-so.

    The page calls /api/ with its session cookie and nothing else; scripts send HTTP Basic or a
    token (which DRF tries first, so a stray session cookie beside them does not count).
    """
    if request.path.startswith("/admin/"):
        return ADMIN
    if request.path.startswith("/api/"):
        by_session = settings.SESSION_COOKIE_NAME in request.COOKIES
        return PAGE if by_session and "HTTP_AUTHORIZATION" not in request.META else API
    return PAGE
