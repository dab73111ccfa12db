"""What the commands that touch config.json share: they say which file, and fail when their
export of it failed."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from triplo import configfile, configpath, exportstatus


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
