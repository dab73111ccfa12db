from django.core.management.base import BaseCommand, CommandParser

from history import services
from history.diff import diff_lines
from profiles.management.commands._base import one_line_errors


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
        with one_line_errors():
            if diff:
                for line in diff_lines(services.diff_versions(*diff)):
                    self.stdout.write(line)
                return
            if rollback is not None:
                version = services.rollback(rollback)
                self.stdout.write(f"{version.summary}: recorded as version {version.number}")
                return
            for version in services.versions()[: max(limit, 1)]:
                when = version.created_at.strftime("%Y-%m-%d %H:%M:%S")
                self.stdout.write(
                    f"{version.number:>5}  {when}  {version.actor:<12} {version.face:<8}"
                    f"{version.summary}"
                )
