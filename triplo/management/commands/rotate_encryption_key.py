import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.secretkey import KEY_FILE_NAME
from credentials import keyrotation, rotation
from credentials.keyrotation import NEW_KEY_ENV
from triplo import configfile


class Command(BaseCommand):
    help = (
        "Re-encrypt every stored secret under a new key and replace TRIPLO_DATA_DIR/secret.key. "
        f"The new key comes from --generate, --key-file or ${NEW_KEY_ENV}, never the command "
        "line. Stop the server first (running processes keep the old key until restarted). "
        "Re-running after an interruption finishes the rotation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group()
        source.add_argument("--generate", action="store_true", help="generate a new random key")
        source.add_argument("--key-file", help="read the new key from this file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check everything, change nothing"
        )

    def handle(
        self, *args: object, generate: bool, key_file: str | None, dry_run: bool, **options: object
    ) -> None:
        data_dir = Path(settings.TRIPLO_DATA_DIR)
        try:
            rotated = keyrotation.rotate(
                data_dir, os.environ, generate=generate, key_file=key_file, dry_run=dry_run
            )
        except keyrotation.CannotRotate as exc:
            raise CommandError(str(exc)) from None
        report = rotated.report
        if report is None:
            self.stdout.write(
                f"an earlier rotation was interrupted: the data reads with "
                f"{rotated.new_key_file}; installing it"
            )
        elif dry_run:
            self.stdout.write(
                f"dry run: {report.values} values in {report.columns} encrypted "
                "columns would be re-encrypted; nothing was changed"
            )
        else:
            self.stdout.write(
                f"re-encrypted {report.values} values; the data now reads with "
                f"{rotated.new_key_file}"
            )
        if not dry_run:
            self._install(data_dir)

    def _install(self, data_dir: Path) -> None:
        rotation.install_new_key(data_dir)
        self.stdout.write(
            f"{KEY_FILE_NAME} replaced (previous key kept as "
            f"{KEY_FILE_NAME}.old until the export succeeds)"
        )
        manage = Path(settings.BASE_DIR) / "manage.py"
        done = subprocess.run(
            [sys.executable, str(manage), "export_config"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            reason = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
            raise CommandError(
                f"the data reads with the new {KEY_FILE_NAME}, but the re-export "
                f"failed ({reason}): run manage.py export_config"
            )
        rotation.finish(data_dir)
        self.stdout.write(
            f"config.json re-exported: {configfile.config_path()}; "
            "restart the server processes to use the new key"
        )
