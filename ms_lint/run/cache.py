"""The content-hash cache: a file's findings keyed by its bytes, its path, the settings, the Python
and ms-lint itself (the CLI), and other modules' summaries keyed by their bytes (every front-end);
entries are checked on every read, and only files it wrote are pruned."""
from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from ms_lint import __version__
from ms_lint.analysis.project.summaries import use_store
from ms_lint.engine import FileResult
from ms_lint.engine.settings import Settings
from ms_lint.files import TEMPORARY_PREFIX, TEMPORARY_SUFFIX, write_atomically
from ms_lint.run.cache_entries import entry_json, entry_result

CACHE_DIR_ENV = "MS_LINT_CACHE_DIR"
UNUSED_FOR = 30 * 24 * 3600  # an entry no run has read or written for this long is removed
PRUNE_EVERY = 24 * 3600  # how often a run looks for such entries
MAX_ENTRY_BYTES = 64 << 20  # far above any real entry; a bigger file is not read
_VERSION_DIR = re.compile(r"[0-9a-f]{16}\Z")
_SHARD_DIR = re.compile(r"[0-9a-f]{2}\Z")
_OWN_FILE = re.compile(r"([0-9a-f]{64}\.json|(%s|tmp)\w+%s)\Z" % (re.escape(TEMPORARY_PREFIX), re.escape(TEMPORARY_SUFFIX)))
_OPEN_SAFELY = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def default_cache_dir() -> Optional[Path]:
    """`$MS_LINT_CACHE_DIR` (empty: no cache), else the user's cache directory."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit is not None:
        return Path(explicit) if explicit.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ms-lint"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of ms-lint's version, its code, its rules and its facts table: any change starts a new cache."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parents[1]
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class _Entries:
    """Small JSON files by key, in shard folders that only this user writes, under one ms-lint's fingerprint."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory / code_fingerprint()[:16]

    def read(self, key: str) -> Optional[bytes]:
        """The entry's bytes (marked as in use, so that pruning keeps it), or None."""
        shard = self.directory / key[:2]
        if not (_own_directory(self.directory) and _own_directory(shard)):
            return None
        entry = shard / (key + ".json")
        try:
            with os.fdopen(os.open(entry, os.O_RDONLY | _OPEN_SAFELY), "rb") as stream:
                info = os.fstat(stream.fileno())
                if not (stat.S_ISREG(info.st_mode) and _own(info)) or info.st_size > MAX_ENTRY_BYTES:
                    return None
                data = stream.read(MAX_ENTRY_BYTES)
                os.utime(stream.fileno() if os.utime in os.supports_fd else entry)
                return data
        except OSError:
            return None

    def write(self, key: str, data: bytes) -> None:
        """Store an entry; a cache that cannot be written is skipped, never an error, and leaves no temporary file."""
        shard = self.directory / key[:2]
        try:
            self.directory.parent.mkdir(parents=True, exist_ok=True)
            for folder in (self.directory, shard):
                folder.mkdir(mode=0o700, exist_ok=True)
                if not _own_directory(folder):  # a link, or someone else's: never written through
                    return
            write_atomically(str(shard / (key + ".json")), data, sync=False)
        except OSError:
            pass


class Cache(_Entries):
    """Findings of files already linted, one small JSON file per key."""

    def __init__(self, directory: Path, settings: Settings) -> None:
        super().__init__(directory)
        self.settings = settings
        context = (__version__, sys.version, sys.implementation.cache_tag, settings, str(settings.resolved_target_version()))
        self.settings_key = repr(context).encode()

    def key(self, path: str, data: bytes) -> str:
        """The file's bytes, its path as given (what per-file-ignores match and the rules see) and
        the codes enabled for it, under this Python, this ms-lint and these settings."""
        digest = hashlib.sha256(self.settings_key)
        for part in (path, ",".join(sorted(self.settings.enabled_codes(path)))):
            digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
        digest.update(b"\0" + data)
        return digest.hexdigest()

    def get(self, key: str, path: str, data: bytes) -> Optional[FileResult]:
        """The cached result for these bytes, or None when there is none or it does not check out."""
        entry = self.read(key)
        try:
            return entry_result(json.loads(entry), key, path, data, self.settings) if entry is not None else None
        except (OSError, ValueError, RecursionError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store a result."""
        self.write(key, json.dumps(entry_json(key, result), separators=(",", ":")).encode("utf-8"))


class SummaryCache(_Entries):
    """Module summaries (ms_lint.analysis.project.summaries) by content hash, beside the findings:
    another module is parsed once, not once per run."""

    def summary_text(self, key: str) -> Optional[str]:
        entry = self.read(key)
        try:
            return entry.decode("utf-8") if entry is not None else None
        except UnicodeDecodeError:
            return None

    def keep_summary(self, key: str, text: str) -> None:
        self.write(key, text.encode("utf-8"))


def keep_summaries(directory: Optional[Path]) -> None:
    """Read and keep other modules' summaries in the cache at `directory` from now on, in this
    process (None: no cache, the per-process memo only)."""
    use_store(SummaryCache(directory) if directory is not None else None)


@lru_cache(maxsize=1)
def keep_summaries_in_default_cache() -> None:
    """What the plugins and editor integrations do before their first file: keep other modules'
    summaries in the default cache directory (`default_cache_dir`), once per process."""
    keep_summaries(default_cache_dir())


def prune(directory: Path, now: Optional[float] = None) -> None:
    """At most once a day, remove the entries (of any ms-lint version) unused for 30 days, and the
    folders that leaves empty: only regular files named as ms-lint names them, in folders this user
    owns, never through a link. A cache that cannot be pruned is left as it is, never an error."""
    now = time.time() if now is None else now
    marker = directory / "last-pruned"
    try:
        if now - os.lstat(marker).st_mtime < PRUNE_EVERY:
            return
    except OSError:
        pass
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | _OPEN_SAFELY, 0o600)
        try:
            os.utime(fd if os.utime in os.supports_fd else marker, (now, now))
        finally:
            os.close(fd)
        for version in _own_entries(directory, _VERSION_DIR, folders=True):
            for shard in _own_entries(version.path, _SHARD_DIR, folders=True):
                for entry in _own_entries(shard.path, _OWN_FILE, folders=False):
                    if now - entry.stat(follow_symlinks=False).st_mtime > UNUSED_FOR:
                        os.unlink(entry.path)
                _remove_if_empty(shard.path)
            _remove_if_empty(version.path)
    except OSError:
        pass


def _own_entries(folder: "os.PathLike[str] | str", name: "re.Pattern[str]", folders: bool) -> Iterator["os.DirEntry[str]"]:
    """The folder's sub-folders (or regular files) with a name ms-lint gives, owned by this user; links are skipped."""
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        kind = entry.is_dir(follow_symlinks=False) if folders else entry.is_file(follow_symlinks=False)
        if kind and name.match(entry.name) and _own(entry.stat(follow_symlinks=False)):
            yield entry


def _own_directory(path: Path) -> bool:
    """A real folder (not a link) that only this user can write."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _own(info)


def _own(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (where the system has owners)."""
    return not hasattr(os, "getuid") or (info.st_uid == os.getuid() and not info.st_mode & 0o022)


def _remove_if_empty(folder: str) -> None:
    try:
        os.rmdir(folder)
    except OSError:  # not empty, or not a folder
        pass
