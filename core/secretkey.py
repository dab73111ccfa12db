"""The SECRET_KEY file in TRIPLO_DATA_DIR.

django-cryptography-5 derives its cipher from SECRET_KEY and signs with it, so the key is
data: losing it loses every stored credential. It is created once, complete or not at all
(written to a temp file, then hard-linked into place, which fails if another process won the
race), so concurrent first starts agree on one key.
"""

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

KEY_FILE_NAME = "secret.key"


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE_NAME


def ensure_secret_key(data_dir: Path) -> str:
    """Return the key stored in data_dir, creating it (mode 0600) if there is none."""
    path = key_path(data_dir)
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".secret.key.")
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, secrets.token_urlsafe(50).encode())
            os.fsync(fd)
            os.close(fd)
            with contextlib.suppress(FileExistsError):  # another process won: use its key
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    return path.read_text().strip()
