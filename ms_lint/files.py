"""Files on disk: bounded reads of regular files only, and the one atomic write (fixes and the cache)."""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from typing import Optional

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
TEMPORARY_PREFIX = ".ms-lint-"
TEMPORARY_SUFFIX = ".tmp"
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFile(OSError):
    """The path names a directory, pipe, device or socket: never opened for reading."""


class FileTooLarge(OSError):
    """The file holds more bytes than the reader was allowed to take."""

    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, "file too large")
        self.size = size


def _refuse_unless_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in _KINDS if test(mode)), "not a file")
        raise NotRegularFile("not a regular file (%s)" % kind)


def read_regular_file(path: str, limit: int) -> bytes:
    """A regular file's bytes, at most `limit` of them (FileTooLarge beyond); a pipe, device or
    socket is refused before it is opened, and the open never blocks (the path may change in between)."""
    _refuse_unless_regular(os.stat(path).st_mode)
    with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as stream:
        info = os.fstat(stream.fileno())
        _refuse_unless_regular(info.st_mode)
        if info.st_size > limit:
            raise FileTooLarge(info.st_size)
        data = stream.read(limit + 1)  # the size may have grown since fstat
    if len(data) > limit:
        raise FileTooLarge(len(data))
    return data


def write_atomically(path: str, data: bytes, mode: Optional[int] = None, sync: bool = True) -> None:
    """Replace `path` in one step: a temporary file beside it, then a rename over it (a symlink at
    `path` is replaced, never followed). Whatever fails, no temporary file is left behind."""
    directory = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, stat.S_IMODE(mode))
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_in_place(path: str, data: bytes) -> None:
    """Overwrite a file's content in its own inode, which keeps its hard links, owner and mode."""
    with open(path, "r+b") as stream:
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())
