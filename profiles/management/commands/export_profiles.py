import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.atomicfile import write_atomic
from core.cli import one_line_errors
from profiles import bundles
from profiles.passphrase import PASSPHRASE_ENV, read_passphrase


class Command(BaseCommand):
    help = (
        "Write every profile, the active one and the credentials to FILE (the plan's JSON "
        "shape). Secrets are left out unless --include-secrets, which seals them with a "
        f"passphrase read from {PASSPHRASE_ENV} or a prompt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--include-secrets", action="store_true", help="seal API keys and tokens into it"
        )

    def handle(self, *args: object, file: str, include_secrets: bool, **options: object) -> None:
        passphrase = read_passphrase(confirm=True) if include_secrets else None
        with one_line_errors():
            bundle = bundles.export_bundle(passphrase)
        try:
            write_atomic(Path(file), json.dumps(bundle, indent=2, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise CommandError(f"{file}: cannot be written: {exc.strerror or exc}") from None
        sealed = "with sealed secrets" if include_secrets else "without secrets"
        count = len(bundle["llm_profiles"])
        self.stdout.write(f"wrote {count} profiles {sealed} to {file}")
