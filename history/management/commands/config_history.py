import os
import sys

from django.core.management.base import BaseCommand, CommandParser

from core.cli import one_line_errors
from history import services
from history.diff import diff_lines
from triplo.cli import config_json


class Command(BaseCommand):
    help = (
        "List the recorded versions of the LLM configuration (newest first), show the "
        "difference between two of them, or roll back to one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=20, help="versions to list (default 20)")
        parser.add_argument("--diff", nargs=2, metavar=("A", "B"), help="changes from A to B")
        parser.add_argument("--rollback", metavar="N", help="restore version N as a new version")

    def handle(
        self,
        *args: object,
        limit: int,
        diff: list[str] | None,
        rollback: str | None,
        **options: object,
    ) -> None:
        try:
            self._handle(limit, diff, rollback)
            self.stdout.flush()
        except BrokenPipeError:
            # The reader left (`config_history | head -1`): end quietly, as other tools do.
            # What is still buffered for stdout would fail again at exit, so it goes nowhere.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())

    def _handle(self, limit: int, diff: list[str] | None, rollback: str | None) -> None:
        with one_line_errors():
            if diff:
                for line in diff_lines(services.diff_versions(*diff)):
                    self.stdout.write(line)
                return
            if rollback is not None:
                self._rollback(rollback)
                return
            for version in services.versions()[: max(limit, 1)]:
                when = version.created_at.strftime("%Y-%m-%d %H:%M:%S")
                self.stdout.write(
                    f"{version.number:>5}  {when}  {version.actor:<12} {version.face:<8}"
                    f"{version.summary}"
                )

    def _rollback(self, number: str) -> None:
        """Roll back and list what changed, compared with the version that was current."""
        with config_json(self):
            current = services.versions().first()
            version = services.rollback(number)
            self.stdout.write(f"{version.summary}: recorded as version {version.number}")
            changes = diff_lines(services.diff_versions(current.number, version.number))
            for line in changes or ["nothing changed: it matched the current configuration"]:
                self.stdout.write(line)
