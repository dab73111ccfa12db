"""What every command shares: service errors become a one-line CommandError."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from credentials.models import SecretsUnreadable
from profiles.legacy import ConversionError
from triplo_config.configfile import ConfigFileError
from triplo_config.errors import Conflict, NotFound, one_line

USER_ERRORS = (
    ValidationError,
    NotFound,
    Conflict,
    ConversionError,
    ConfigFileError,
    SecretsUnreadable,
)


@contextmanager
def one_line_errors() -> Iterator[None]:
    try:
        yield
    except USER_ERRORS as exc:
        raise CommandError(one_line(exc)) from None
