"""Which files to lint: explicit paths always, directory walks less excludes and .gitignore'd files
(a directory named outright is walked even where its parents' .gitignore lists it)."""
from __future__ import annotations

import errno
import fnmatch
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import pathspec

from ms_lint.run.config_files import ConfigResolver

DEFAULT_EXCLUDES = (".git", ".hg", ".tox", ".nox", ".venv", "venv", "__pycache__", "build", "dist", "node_modules", ".eggs", "*.egg-info")
PYTHON_SUFFIXES = (".py", ".pyi")
_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


@dataclass
class Discovered:
    """The files to lint, the paths that could not be read (exit 2), and what a walk skipped."""

    files: List[str] = field(default_factory=list)
    errors: List[Tuple[str, str]] = field(default_factory=list)
    skipped: List[Tuple[str, str]] = field(default_factory=list)


def discover(paths: Sequence[str], resolver: ConfigResolver, respect_gitignore: bool = True) -> Discovered:
    """Python files under the paths; a file named outright escapes .gitignore and the default excludes, not `exclude`."""
    found = Discovered()
    for path in paths:
        problem = broken(path)
        if problem:
            found.errors.append((path, problem))
        elif os.path.isdir(path):
            ignores = GitIgnores(respect_gitignore)
            if ignores.ignored(Path(path), True):  # named outright: only its own .gitignore files apply in it
                ignores = GitIgnores(respect_gitignore, Path(os.path.abspath(path)))
            _walk(path, resolver, ignores, found)
        elif not resolver.for_path(path).excluded(path):
            kind = _not_regular(os.stat(path).st_mode)
            if kind:
                found.errors.append((path, "not a regular file (%s)" % kind))
            else:
                found.files.append(path)
    return found


def broken(path: str) -> Optional[str]:
    """Why a path cannot be followed (missing, a dangling link, a link loop, unreadable), or None."""
    try:
        os.stat(path)
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(path):
            return "dangling symbolic link (to %s)" % os.readlink(path)
        if error.errno == errno.ENOENT:
            return "no such file or directory"
        return "cannot read: %s" % (error.strerror or error)


def _not_regular(mode: int) -> Optional[str]:
    return None if stat.S_ISREG(mode) else next((kind for test, kind in _KINDS if test(mode)), "not a file")


def _walk(top: str, resolver: ConfigResolver, ignores: "GitIgnores", found: Discovered) -> None:
    def unreadable(error: OSError) -> None:
        found.errors.append((str(Path(error.filename or top)), "cannot read directory: %s" % (error.strerror or error)))

    for root, dirs, names in os.walk(top, onerror=unreadable):
        here = Path(root)
        settings = resolver.for_directory(Path(os.path.abspath(root)))
        kept = []
        for name in sorted(dirs):
            path = here / name
            if not _default_excluded(name) and not settings.excluded(str(path)) and not ignores.ignored(path, True):
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            path = here / name
            if not name.endswith(PYTHON_SUFFIXES) or settings.excluded(str(path)) or ignores.ignored(path, False):
                continue
            problem = broken(str(path))
            kind = None if problem else _not_regular(os.stat(path).st_mode)
            if problem:
                found.errors.append((str(path), problem))
            elif kind:
                found.skipped.append((str(path), "skipped: not a regular file (%s)" % kind))
            else:
                found.files.append(str(path))


def _default_excluded(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in DEFAULT_EXCLUDES)


class GitIgnores:
    """The .gitignore files that apply in a walk: those of the walked directories and of their
    parents up to the repository root (or up to `top`, a directory named outright that its parents'
    files ignore); a deeper file's verdict wins, as in git."""

    def __init__(self, enabled: bool, top: Optional[Path] = None) -> None:
        self.enabled = enabled
        self.top = top
        self._specs: Dict[Path, Optional[List[Tuple[Path, pathspec.GitIgnoreSpec]]]] = {}

    def ignored(self, path: Path, is_dir: bool) -> bool:
        if not self.enabled:
            return False
        absolute = Path(os.path.abspath(path))
        for base, spec in reversed(self._chain(absolute.parent) or []):
            relative = absolute.relative_to(base).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False

    def _chain(self, directory: Path) -> Optional[List[Tuple[Path, pathspec.GitIgnoreSpec]]]:
        """The specs for `directory`, outermost first; None outside a git repository (git reads none there)."""
        if directory not in self._specs:
            if directory == self.top or (directory / ".git").exists():
                inherited: Optional[list] = []
            else:
                inherited = self._chain(directory.parent) if directory.parent != directory else None
            own = _spec(directory / ".gitignore") if inherited is not None else None
            self._specs[directory] = None if inherited is None else inherited + ([(directory, own)] if own else [])
        return self._specs[directory]


def _spec(path: Path) -> Optional[pathspec.GitIgnoreSpec]:
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            return pathspec.GitIgnoreSpec.from_lines(stream)
    except OSError:
        return None
