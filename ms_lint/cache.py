"""The CLI's content-hash cache: a file's findings keyed by its bytes, its path, the settings and ms-lint itself."""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional

from ms_lint import __version__
from ms_lint.config import Settings
from ms_lint.engine import FileResult
from ms_lint.findings import Edit, Finding, Fix
from ms_lint.rules import all_rules

CACHE_DIR_ENV = "MS_LINT_CACHE_DIR"
UNUSED_FOR = 30 * 24 * 3600  # an entry no run has read or written for this long is removed
PRUNE_EVERY = 24 * 3600  # how often a run looks for such entries


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
    import ms_lint.checkers

    for package in (Path(__file__).parent, Path(ms_lint.checkers.__file__).parent):
        for path in sorted(package.glob("*")):
            if path.suffix in (".py", ".toml"):
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Cache:
    """Findings of files already linted, one small JSON file per (content, path, settings)."""

    def __init__(self, directory: Path, settings: Settings) -> None:
        self.directory = directory / code_fingerprint()[:16]
        self.settings_key = repr((settings, settings.resolved_target_version())).encode()

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.settings_key)
        digest.update(b"\0" + os.path.abspath(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.directory / key[:2] / (key + ".json")

    def get(self, key: str, path: str) -> Optional[FileResult]:
        """The cached result, or None when there is none (or it cannot be read)."""
        entry = self._entry(key)
        try:
            with open(entry, encoding="utf-8") as stream:
                result = _result_from_json(path, json.load(stream))
            os.utime(entry)  # still in use: pruning keeps it
            return result
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; a cache that cannot be written is skipped, never an error."""
        entry = self._entry(key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as stream:
                json.dump(_result_to_json(result), stream, separators=(",", ":"))
            os.replace(temporary, entry)
        except OSError:
            pass


def prune(directory: Path, now: Optional[float] = None) -> None:
    """At most once a day, remove the entries (of any ms-lint version) unused for 30 days, and the
    folders that leaves empty. A cache that cannot be pruned is left as it is, never an error."""
    now = time.time() if now is None else now
    marker = directory / "last-pruned"
    try:
        if now - marker.stat().st_mtime < PRUNE_EVERY:
            return
    except OSError:
        pass
    try:
        directory.mkdir(parents=True, exist_ok=True)
        marker.touch()
        os.utime(marker, (now, now))
        for version in directory.glob("[0-9a-f]" * 16):
            for shard in version.glob("[0-9a-f]" * 2):
                for entry in list(shard.glob("*.json")) + list(shard.glob("*.tmp")):
                    if now - entry.stat().st_mtime > UNUSED_FOR:
                        entry.unlink()
                _remove_if_empty(shard)
            _remove_if_empty(version)
    except OSError:
        pass


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty, or not a folder
        pass


def _result_to_json(result: FileResult) -> Dict[str, Any]:
    return {"error": result.error, "findings": [_finding_to_json(f) for f in result.findings]}


def _finding_to_json(finding: Finding) -> List[Any]:
    fix = finding.fix
    fix_json = None if fix is None else [fix.message, fix.applicability, [list(_edit(e)) for e in fix.edits]]
    return [finding.code, finding.line, finding.col, finding.end_line, finding.end_col, finding.message, fix_json, finding.severity]


def _edit(edit: Edit) -> tuple:
    return (edit.line, edit.col, edit.end_line, edit.end_col, edit.content)


def _result_from_json(path: str, data: Dict[str, Any]) -> FileResult:
    rules = all_rules()
    findings = []
    for code, line, col, end_line, end_col, message, fix_json, severity in data["findings"]:
        fix = None
        if fix_json is not None:
            fix_message, applicability, edits = fix_json
            fix = Fix(fix_message, tuple(Edit(*e) for e in edits), applicability)
        findings.append(Finding(rules[code], line, col, end_line, end_col, message, fix, severity))
    return FileResult(path, findings, data["error"])
