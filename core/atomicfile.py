"""Writing a file all or nothing, keeping its owner; plain Python, so the restart worker (a
process without Django) writes its files the same way the server does."""

import contextlib
import os
import tempfile
from pathlib import Path


def _keep_owner(fd: int, path: Path) -> None:
    """Run as root, the file must stay readable by the user Triplo runs as.

    That user owns the existing file, or else the directory (Triplo's own config directory).
    """
    try:
        status = path.lstat()  # never a link's target (reads refuse links before any write)
    except FileNotFoundError:
        status = path.parent.stat()
    if (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(PermissionError):  # not root: the file becomes ours
            os.fchown(fd, status.st_uid, status.st_gid)


def write_atomic(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace path with text, all or nothing, mode 0600 (REFERENCE §5).

    `durable=False` skips the fsyncs, for files nothing needs after a crash of the machine (the
    export's state, rebuilt on the next export; the restart stamp, which only coordinates
    running processes): the rename still makes them whole or absent.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o600)
        _keep_owner(fd, path)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
