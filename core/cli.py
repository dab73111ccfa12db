"""What every command shares: service errors become a one-line CommandError; commands that
touch config.json say which file."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.errors import Conflict, NotFound, one_line
from credentials.models import SecretsUnreadable
from triplo import configfile, configpath, exportstatus
from triplo.configfile import ConfigFileError
from triplo.legacy import ConversionError

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


def warn_if_elsewhere(command: BaseCommand) -> None:
    if warning := configpath.mismatch():
        command.stderr.write(warning)


@contextmanager
def config_json(command: BaseCommand) -> Iterator[None]:
    """Around a command that reads or writes Triplo's config.json: warn first when it is not
    the file bootstrap recorded, name the file after, and fail when this command's export of
    it failed (the change itself is saved; the next change or export_config retries)."""
    warn_if_elsewhere(command)
    before = exportstatus.recorded_here()
    yield
    outcome = exportstatus.recorded_here()
    if outcome != before and outcome["ok"] is False:
        raise CommandError(f"saved, but config.json was not written: {outcome['error']}")
    command.stdout.write(f"config.json: {configfile.config_path()}")
