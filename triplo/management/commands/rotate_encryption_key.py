import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.secretkey import KEY_FILE_NAME
from credentials import rotation
from triplo import configfile

NEW_KEY_ENV = "TRIPLO_NEW_SECRET_KEY"


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
        if os.environ.get("DJANGO_SECRET_KEY"):
            raise CommandError(
                "the key comes from DJANGO_SECRET_KEY: rotate it by unsetting it and letting "
                f"TRIPLO_DATA_DIR/{KEY_FILE_NAME} hold the key"
            )
        data_dir = Path(settings.TRIPLO_DATA_DIR)
        files = rotation.key_files(data_dir)
        reader = rotation.which_key_reads(data_dir)
        if reader is None:
            raise CommandError("no key file in TRIPLO_DATA_DIR decrypts the stored credentials")
        if reader == files["new"].name:
            self.stdout.write(
                f"an earlier rotation was interrupted: the data reads with {reader}; installing it"
            )
            if not dry_run:
                self._install(data_dir)
            return
        new_key = self._new_key(generate or (dry_run and not key_file), key_file)
        old_key = files["current"].read_text().strip()
        if new_key == old_key:
            raise CommandError("the new key is the same as the current one")
        try:
            if not dry_run:
                rotation.write_key_file(files["new"], new_key)
            report = rotation.reencrypt(old_key, new_key, dry_run=dry_run)
        except rotation.RotationError as exc:
            raise CommandError(f"{exc}; the data still reads with {KEY_FILE_NAME}") from None
        if dry_run:
            self.stdout.write(
                f"dry run: {report.values} values in {report.columns} encrypted "
                "columns would be re-encrypted; nothing was changed"
            )
            return
        self.stdout.write(
            f"re-encrypted {report.values} values; the data now reads with {files['new'].name}"
        )
        self._install(data_dir)

    def _new_key(self, generate: bool, key_file: str | None) -> str:
        if generate:
            return secrets.token_urlsafe(50)
        if key_file:
            try:
                key = Path(key_file).read_text().strip()
            except OSError as exc:
                raise CommandError(f"{key_file}: {exc.strerror}") from None
        else:
            key = os.environ.get(NEW_KEY_ENV, "").strip()
            if not key:
                raise CommandError(f"give --generate, --key-file FILE or ${NEW_KEY_ENV}")
        if len(key) < 32:
            raise CommandError("the new key must be at least 32 characters long")
        return key

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
