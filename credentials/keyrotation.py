"""Rotating the encryption key as one decision: which key to rotate to, whether an earlier
run was interrupted, and the re-encryption with its new key file (credentials.rotation does
the byte work). The command only translates; what follows an installed key (re-exporting
config.json) is the caller's."""

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.errors import UserError
from core.secretkey import KEY_FILE_NAME
from credentials import rotation

NEW_KEY_ENV = "TRIPLO_NEW_SECRET_KEY"
MIN_KEY_LENGTH = 32


class CannotRotate(UserError):
    """The rotation cannot start; nothing was changed."""


@dataclass(frozen=True)
class Rotated:
    """`report` is None when an interrupted rotation was found instead (its new key file
    already reads the data and only needs installing)."""

    report: rotation.RotationReport | None
    new_key_file: str


def new_key(generate: bool, key_file: str | None, environ: Mapping[str, str]) -> str:
    """The key to rotate to: generated, read from a file, or from $TRIPLO_NEW_SECRET_KEY."""
    if generate:
        return secrets.token_urlsafe(50)
    if key_file:
        try:
            key = Path(key_file).read_text().strip()
        except OSError as exc:
            raise CannotRotate(f"{key_file}: {exc.strerror}") from None
    else:
        key = environ.get(NEW_KEY_ENV, "").strip()
        if not key:
            raise CannotRotate(f"give --generate, --key-file FILE or ${NEW_KEY_ENV}")
    if len(key) < MIN_KEY_LENGTH:
        raise CannotRotate(f"the new key must be at least {MIN_KEY_LENGTH} characters long")
    return key


def rotate(
    data_dir: Path, environ: Mapping[str, str], *, generate: bool, key_file: str | None,
    dry_run: bool,
) -> Rotated:  # fmt: skip
    """Re-encrypt every secret under the new key and write its key file (not installed yet);
    a dry run checks everything and changes nothing. CannotRotate / RotationError say why not."""
    if environ.get("DJANGO_SECRET_KEY"):
        raise CannotRotate(
            "the key comes from DJANGO_SECRET_KEY: rotate it by unsetting it and letting "
            f"TRIPLO_DATA_DIR/{KEY_FILE_NAME} hold the key"
        )
    files = rotation.key_files(data_dir)
    reader = rotation.which_key_reads(data_dir)
    if reader is None:
        raise CannotRotate("no key file in TRIPLO_DATA_DIR decrypts the stored credentials")
    if reader == files["new"].name:
        return Rotated(report=None, new_key_file=reader)
    key = new_key(generate or (dry_run and not key_file), key_file, environ)
    if key == files["current"].read_text().strip():
        raise CannotRotate("the new key is the same as the current one")
    try:
        if not dry_run:
            rotation.write_key_file(files["new"], key)
        report = rotation.reencrypt(files["current"].read_text().strip(), key, dry_run=dry_run)
    except rotation.RotationError as exc:
        raise CannotRotate(f"{exc}; the data still reads with {KEY_FILE_NAME}") from None
    return Rotated(report=report, new_key_file=files["new"].name)
