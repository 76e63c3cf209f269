"""--fix on disk: lint a file, apply its fixes until none is left (ms_lint.fixes.fix_source), write
it back in its own encoding."""
from __future__ import annotations

import io
import os
import tokenize
from dataclasses import dataclass
from typing import Optional

from ms_lint.engine import lint_source
from ms_lint.engine.settings import Settings
from ms_lint.files import decoded, read_bytes, write_atomically, write_in_place
from ms_lint.fixes import fix_source


@dataclass
class FileFix:
    """The outcome of fixing one file on disk."""

    path: str
    original: str
    fixed: str
    applied: int = 0
    error: Optional[str] = None  # the file could not be read or checked
    refused: Optional[str] = None  # the fixes would break the code: nothing written


def fix_file(path: str, settings: Settings, unsafe: bool, write: bool) -> FileFix:
    """Fix one file; when `write` and something changed, write it in its own encoding (see write_fixed)."""
    data, error = read_bytes(path)
    original, error = ("", error) if error else decoded(data)
    if error:
        return FileFix(path, "", "", error=error)
    result = lint_source(original, path, settings)
    if result.error:
        return FileFix(path, original, original, error=result.error)
    relint = lambda source: lint_source(source, path, settings).findings  # noqa: E731
    outcome = fix_source(original, result.findings, relint, unsafe)
    if outcome.error or outcome.source == original:
        return FileFix(path, original, outcome.source, outcome.applied, refused=outcome.error)
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    try:
        fixed = outcome.source.encode(encoding)
    except UnicodeEncodeError:
        return FileFix(path, original, original, refused="fix refused: the fixed code cannot be written in %s" % encoding)
    if write:
        try:
            write_fixed(path, fixed)
        except OSError as failure:
            return FileFix(path, original, original, refused="cannot write: %s" % " ".join(str(failure).split()))
    return FileFix(path, original, outcome.source, outcome.applied)


def write_fixed(path: str, data: bytes) -> None:
    """Write a fixed file: through a symlink to its target, which keeps the link; a file with one
    name is replaced atomically (a temporary file, then a rename), keeping its mode. A file with
    several hard links is overwritten in place, since a rename would give this name a new inode and
    split it from the others; that write is not atomic (a crash in the middle leaves it half
    written), which is the price of keeping the links: the fixed code was parsed before."""
    target = os.path.realpath(path)
    info = os.stat(target)
    if info.st_nlink > 1:
        write_in_place(target, data)
    else:
        write_atomically(target, data, mode=info.st_mode)
