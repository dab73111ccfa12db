"""Reading a file that must be a regular file or absent, without following or blocking.

config.json is Triplo's file in a shared directory: a symbolic link there would be read
through (and a write would give the new file the link target's owner), a FIFO would hang the
reading worker until a writer comes, a directory is simply wrong. Each is refused instead.
"""

import errno
import os
import stat
from pathlib import Path

_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket",
          stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}  # fmt: skip


class NotRegularFile(OSError):
    """Something other than a regular file is at the path; the message names what."""


def read(path: Path) -> bytes | None:
    """The bytes of the regular file at path; None when nothing is there.

    NotRegularFile for a link (never followed: O_NOFOLLOW), a directory, a FIFO (opened with
    O_NONBLOCK, so the open returns at once), a socket or a device; OSError otherwise.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotRegularFile("is a symbolic link") from None
        raise
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise NotRegularFile(f"is {_KINDS.get(stat.S_IFMT(mode), 'not a regular file')}")
    with os.fdopen(fd, "rb") as handle:
        return handle.read()
