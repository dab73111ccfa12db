"""Re-encrypting every stored secret under a new SECRET_KEY.

django-cryptography-5 binds each encrypted field to the key of the process at start-up and has
no rotation of its own, so this works on the raw column bytes: decrypt with a cipher built from
the old key, encrypt with one built from the new key, in one transaction, and verify every row
under the new key before the key file is replaced. Written by hand because no maintained library
does this for django-cryptography's format.

Files in TRIPLO_DATA_DIR during a rotation: `secret.key.new` (written first), then
`secret.key.old` (the previous key, kept until the end) and the new `secret.key`.
"""

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from django.apps import apps
from django.conf import settings
from django.core.signing import BadSignature
from django.db import connection, models, transaction
from django_cryptography.core.signing import FernetSigner
from django_cryptography.fields import EncryptedMixin
from django_cryptography.utils.crypto import FernetBytes, InvalidToken

from core.secretkey import KEY_FILE_NAME


class RotationError(Exception):
    """The rotation cannot go on; the message says which key reads the data."""


def cipher_for(secret_key: str) -> FernetBytes:
    """The cipher django-cryptography-5 would use in a process started with this SECRET_KEY."""
    kdf = PBKDF2HMAC(
        algorithm=settings.CRYPTOGRAPHY_DIGEST,
        length=settings.CRYPTOGRAPHY_DIGEST.digest_size,
        salt=settings.CRYPTOGRAPHY_SALT,
        iterations=30000,
    )
    return FernetBytes(kdf.derive(secret_key.encode()), FernetSigner(secret_key))


def can_decrypt(cipher: FernetBytes, raw: bytes) -> bool:
    try:
        cipher.decrypt(raw)
    except (BadSignature, InvalidToken):
        return False
    return True


@dataclass(frozen=True)
class EncryptedColumn:
    model: type[models.Model]
    field: models.Field

    def rows(self) -> Iterator[tuple[object, bytes]]:
        """(primary key, raw ciphertext) for every row that holds a value."""
        table = connection.ops.quote_name(self.model._meta.db_table)
        column = connection.ops.quote_name(self.field.column)
        pk = connection.ops.quote_name(self.model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL")
            for key, raw in cursor.fetchall():
                yield key, bytes(raw)

    def write(self, key: object, raw: bytes) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        column = connection.ops.quote_name(self.field.column)
        pk = connection.ops.quote_name(self.model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", [raw, key])


def encrypted_columns() -> list[EncryptedColumn]:
    """Every encrypted column of every installed model (credentials, history snapshots, …)."""
    return [
        EncryptedColumn(model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedMixin)
    ]


def key_files(data_dir: Path) -> dict[str, Path]:
    base = data_dir / KEY_FILE_NAME
    return {
        "current": base,
        "new": base.with_name(base.name + ".new"),
        "old": base.with_name(base.name + ".old"),
    }


def which_key_reads(data_dir: Path) -> str | None:
    """The key file ("secret.key", "secret.key.new" or "secret.key.old") that decrypts the data."""
    samples = [raw for column in encrypted_columns() for _, raw in column.rows()]
    if not samples:
        return KEY_FILE_NAME
    for path in key_files(data_dir).values():
        if path.exists():
            cipher = cipher_for(path.read_text().strip())
            if all(can_decrypt(cipher, raw) for raw in samples):
                return path.name
    return None


@dataclass
class RotationReport:
    values: int
    columns: int


def reencrypt(old_key: str, new_key: str, *, dry_run: bool) -> RotationReport:
    """Re-encrypt every value in one transaction and verify it reads back under the new key."""
    old, new = cipher_for(old_key), cipher_for(new_key)
    columns = encrypted_columns()
    count = 0
    with transaction.atomic():
        for column in columns:
            for key, raw in list(column.rows()):
                try:
                    plain = old.decrypt(raw)
                except (BadSignature, InvalidToken):
                    raise RotationError(
                        f"{column.model.__name__}.{column.field.name} row {key} does not decrypt "
                        "with the current key: nothing was changed"
                    ) from None
                rewritten = new.encrypt(plain)
                if new.decrypt(rewritten) != plain:
                    raise RotationError("verification failed: nothing was changed")
                column.write(key, rewritten)
                count += 1
        for column in columns:
            for key, raw in column.rows():
                if not can_decrypt(new, raw):
                    raise RotationError(f"row {key} does not read back under the new key")
        if dry_run:
            transaction.set_rollback(True)
    return RotationReport(values=count, columns=len(columns))


def write_key_file(path: Path, key: str) -> None:
    """A key file, complete and mode 0600, replacing any leftover from an interrupted run."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def install_new_key(data_dir: Path) -> None:
    """secret.key -> secret.key.old, secret.key.new -> secret.key (each step a rename)."""
    files = key_files(data_dir)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(files["old"])
    os.link(files["current"], files["old"])
    os.replace(files["new"], files["current"])


def finish(data_dir: Path) -> None:
    """Success: the previous key is no longer needed."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(key_files(data_dir)["old"])
