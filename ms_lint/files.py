"""Files on disk: bounded reads of regular files only, source decoded as Python does, and the one
atomic write (fixes and the cache)."""
from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
import tokenize
from typing import Optional, Tuple

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


MAX_SOURCE_CHARS = 4 << 20  # 13x the largest module of the benchmark corpus; bigger ones are generated
MAX_SOURCE_BYTES = 4 * MAX_SOURCE_CHARS  # what a file of that many characters may take on disk (UTF-8: 4 a character)


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


def decode_source(data: bytes) -> str:
    """Source bytes decoded as Python does (BOM, coding cookie, UTF-8 default)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def decoded(data: bytes) -> Tuple[str, Optional[str]]:
    """Source bytes decoded as Python does, or the one-line reason Python could not decode them."""
    try:
        return decode_source(data), None
    except (UnicodeDecodeError, SyntaxError, LookupError) as error:
        return "", "cannot read: %s" % one_line(error)


def read_source(path: str) -> str:
    """A file's text, decoded as Python does (OSError for a file that is not regular or too large)."""
    return decode_source(read_regular_file(path, MAX_SOURCE_BYTES))


def read_bytes(path: str) -> Tuple[bytes, Optional[str]]:
    """A source file's bytes, or the one-line reason they cannot be read: only regular files are
    opened, never blocking, and at most MAX_SOURCE_BYTES are read."""
    try:
        return read_regular_file(path, MAX_SOURCE_BYTES), None
    except FileTooLarge as error:
        return b"", too_large(error.size)
    except OSError as error:
        return b"", "cannot read: %s" % one_line(error)


def too_large(size: int) -> str:
    return "not checked: %.1f MB of code, more than the %d MB ms-lint reads in one file" % (size / 2**20, MAX_SOURCE_CHARS >> 20)


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
