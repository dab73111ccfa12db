"""The bundle passphrase on the command line: from the environment or a prompt, never argv."""

import getpass
import os
import sys

from django.core.management.base import CommandError
from django.views.decorators.debug import sensitive_variables

PASSPHRASE_ENV = "TRIPLO_BUNDLE_PASSPHRASE"


@sensitive_variables("passphrase", "again")
def read_passphrase(confirm: bool) -> str:
    """TRIPLO_BUNDLE_PASSPHRASE, else a hidden prompt (twice when `confirm`)."""
    passphrase = os.environ.get(PASSPHRASE_ENV, "")
    if passphrase:
        return passphrase
    if not sys.stdin.isatty():
        raise CommandError(f"a passphrase is needed: set {PASSPHRASE_ENV} or run in a terminal")
    passphrase = getpass.getpass("Bundle passphrase: ")
    if not passphrase:
        raise CommandError("an empty passphrase would not protect anything")
    if confirm:
        again = getpass.getpass("Repeat the passphrase: ")
        if again != passphrase:
            raise CommandError("the two passphrases differ")
    return passphrase
