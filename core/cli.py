"""What every command shares: a service error becomes a one-line CommandError."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from core.errors import UserError, one_line


@contextmanager
def one_line_errors() -> Iterator[None]:
    try:
        yield
    except (ValidationError, UserError) as exc:
        raise CommandError(one_line(exc)) from None
