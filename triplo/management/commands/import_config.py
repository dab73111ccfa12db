from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from core.cli import one_line_errors
from core.context import as_actor
from profiles import imports
from triplo import configfile
from triplo.cli import config_json
from triplo.legacy import plan_from_document


class Command(BaseCommand):
    help = "Import profiles and credentials from a config.json (new or legacy single-provider)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", nargs="?", help="default: TRIPLO_CONFIG_PATH")
        parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")

    def handle(self, *args: object, path: str | None, dry_run: bool, **options: object) -> None:
        source = Path(path) if path else configfile.config_path()
        self.stdout.write(f"importing {source}")
        with config_json(self):
            with one_line_errors():
                if not source.exists():  # never import Triplo's stock defaults by accident
                    raise configfile.ConfigFileError(f"{source}: no such file")
                with as_actor("import"):
                    report = imports.apply_plan(
                        plan_from_document(configfile.read_document(source)), dry_run=dry_run
                    )
            for line in report.lines():
                self.stdout.write(line)
            if dry_run:
                self.stdout.write("dry run: nothing was changed")
            elif not report.changes_anything:
                self.stdout.write("nothing to import: everything is already stored")
