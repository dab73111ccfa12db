"""Which config.json this data directory serves, as `bootstrap` recorded it.

A command run by hand from a shell without the container's environment (no TRIPLO_CONFIG_PATH,
or another one) would read and write a file Triplo never reads, while the database it changes
is the real one. Bootstrap records the path; every command touching config.json compares.
"""

import os
from pathlib import Path

from django.conf import settings

from core.atomicfile import write_atomic
from triplo.configfile import config_path

RECORD_FILE = "config-path.txt"


def _record_path() -> Path:
    return Path(settings.TRIPLO_DATA_DIR) / RECORD_FILE


def record() -> None:
    """Remember TRIPLO_CONFIG_PATH as the file this data directory serves (bootstrap)."""
    write_atomic(_record_path(), f"{os.path.abspath(config_path())}\n")


def recorded() -> str | None:
    try:
        return _record_path().read_text().strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def mismatch() -> str | None:
    """A warning naming both paths when this process's config path is not the recorded one."""
    known, used = recorded(), os.path.abspath(config_path())
    if known is None or known == used:
        return None
    source = "TRIPLO_CONFIG_PATH" if os.environ.get("TRIPLO_CONFIG_PATH") else "the default path"
    return (
        f"warning: this command uses {used} ({source}), but bootstrap set this data "
        f"directory up for {known}: set TRIPLO_CONFIG_PATH={known} to change Triplo's file"
    )
