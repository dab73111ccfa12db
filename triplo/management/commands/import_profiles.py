from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from core.cli import one_line_errors
from core.context import as_actor
from profiles import bundles
from profiles.passphrase import PASSPHRASE_ENV, read_passphrase
from triplo.cli import config_json
from triplo.configfile import parse
from triplo.legacy import ConversionError


class Command(BaseCommand):
    help = (
        "Import several profiles (and credentials) from a JSON file in the plan's shape: "
        '{"llm_profiles": [...], "active_llm_profile": ..., "provider_credentials": {...}}, '
        'at the top level or under "settings" (e.g. a bundle from export_profiles). Sealed '
        f"secrets are opened with a passphrase from {PASSPHRASE_ENV} or a prompt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")

    def handle(self, *args: object, file: str, dry_run: bool, **options: object) -> None:
        with config_json(self), one_line_errors():
            try:
                text = Path(file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ConversionError(f"{file}: cannot be read: {exc}") from None
            document = parse(text, file)
            passphrase = read_passphrase(confirm=False) if bundles.is_sealed(document) else None
            with as_actor("import"):
                report = bundles.import_bundle(document, passphrase, dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("dry run: nothing was changed")
