import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core import accounts, startcheck
from core.cli import one_line_errors
from credentials import services as credential_services
from credentials.models import UNDECRYPTABLE_MESSAGE
from profiles.models import LlmProfile
from triplo import configfile, configpath, seeding
from triplo.cli import warn_if_elsewhere
from triplo.export import export


class Command(BaseCommand):
    help = (
        "Prepare everything before serving; safe on every start: data dir and secret key, "
        "migrations, first-start import or seeding, the admin user, and an export."
    )

    def check(self, *args: object, **kwargs: object) -> None:
        """Django's system checks, run before `handle` unless --skip-checks; skipped on a restart
        with the same code, environment and key as the last passing run (core.startcheck)."""
        if startcheck.checks_current():
            self.stdout.write("system checks skipped: nothing changed since they last passed")
            return
        super().check(*args, **kwargs)
        startcheck.record_checks_passed()

    def handle(self, *args: object, **options: object) -> None:
        self._private_data_dir(Path(settings.TRIPLO_DATA_DIR))
        # The secret key already exists: loading the settings created it (core.secretkey).
        if startcheck.unapplied_migrations():
            call_command("migrate", interactive=False, verbosity=0)
        self._check_webui_password()
        warn_if_elsewhere(self)  # this start's TRIPLO_CONFIG_PATH is the one from now on
        configpath.record()
        if not credential_services.secrets_readable():
            raise CommandError(UNDECRYPTABLE_MESSAGE)
        imported = self._first_start() if not LlmProfile.objects.exists() else True
        self._ensure_admin_user()
        if imported:
            self._export()

    def _first_start(self) -> bool:
        """Import config.json, or seed from the environment when there is none. False when the
        file cannot be imported: a warning, not a failure (a container that cannot start
        leaves the user no way to fix anything), and the file is left as it is."""
        path = configfile.config_path()
        if not path.exists():
            call_command("seed_from_env", stdout=self.stdout)
            for line in seeding.seed_config_file(os.environ):
                self.stdout.write(line)
            return True
        try:
            call_command("import_config", stdout=self.stdout)
        except CommandError as exc:
            self.stderr.write(
                f"warning: {exc}: nothing imported and {path.name} left as it is; "
                "fix it, then run bootstrap again"
            )
            return False
        return True

    def _export(self) -> None:
        path = configfile.config_path()
        with one_line_errors():
            try:
                result = export(force=True)
            except configfile.ConfigFileUnreadable as exc:
                self.stderr.write(f"warning: {exc}: not written until it parses again")
                return
            except configfile.ConfigFileError as exc:  # not a regular file, or locked
                self.stderr.write(f"warning: {exc}: not written; /api/status shows it too")
                return
        self.stdout.write(f"config.json {'written' if result.written else 'up to date'}: {path}")

    def _private_data_dir(self, data_dir: Path) -> None:
        """The data dir 0700 and its files 0600: an older install made them 0755 and 0644,
        and the database holds sessions and token digests another local user must not read."""
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        loose = [p for p in (data_dir, *data_dir.iterdir()) if p.stat().st_mode & 0o077]
        for path in loose:
            path.chmod(0o700 if path.is_dir() else 0o600)
        if loose:
            names = ", ".join(p.name or str(p) for p in loose)
            self.stdout.write(f"tightened permissions in {data_dir} (owner only): {names}")

    def _check_webui_password(self) -> None:
        try:
            accounts.check_webui_password(os.environ)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None

    def _ensure_admin_user(self) -> None:
        created = accounts.ensure_first_user(os.environ)
        if created is None:
            return
        username, generated = created
        if generated is None:
            self.stdout.write(f"created user {username!r} from WEBUI_USERNAME/WEBUI_PASSWORD")
        else:
            self.stdout.write(f"created user {username!r} with password {generated} (shown once)")
