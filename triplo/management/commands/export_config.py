from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from core.cli import one_line_errors
from triplo import configfile
from triplo.cli import warn_if_elsewhere
from triplo.export import export


class Command(BaseCommand):
    help = "Write the stored profiles and credentials into config.json now."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="default: TRIPLO_CONFIG_PATH")

    def handle(self, *args: object, path: str | None, **options: object) -> None:
        target = Path(path) if path else configfile.config_path()
        if not path:
            warn_if_elsewhere(self)
        with one_line_errors():
            result = export(force=True, path=target)
        self.stdout.write(f"{'wrote' if result.written else 'already up to date:'} {target}")
