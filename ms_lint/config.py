"""Settings: rule selection, target version and file filters, from flags and config files."""
from __future__ import annotations

import configparser
import fnmatch
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Sequence, Tuple

from ms_lint.api import Version, format_version, load_facts, parse_version
from ms_lint.rules import select_rules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on the old-Python tox environments
    import tomli as tomllib

CODE_PREFIX = re.compile(r"^(ALL|MSL[0-9]{0,3})$")
DEFAULT_EXCLUDES = (".git", ".hg", ".tox", ".nox", ".venv", "venv", "__pycache__", "build", "dist", "node_modules", ".eggs", "*.egg-info")


class ConfigError(Exception):
    """A bad flag or config value; the message is one line naming the file and key."""


@dataclass(frozen=True)
class Settings:
    """Everything that decides what is reported for a file."""

    select: Optional[Tuple[str, ...]] = None
    extend_select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()
    exclude: Tuple[str, ...] = ()
    target_version: Optional[str] = None
    source: str = field(default="", compare=False)  # the config file the values came from

    @property
    def root(self) -> Path:
        """The directory that per-file-ignores and exclude patterns are relative to: the config file's."""
        return Path(self.source).resolve().parent if self.source else Path.cwd()

    def enabled_codes(self, path: str = "") -> FrozenSet[str]:
        """Codes reported for `path`."""
        ignore = list(self.ignore)
        for pattern, codes in self.per_file_ignores:
            if path and self.matches(path, pattern):
                ignore.extend(codes)
        return _enabled(self.select, self.extend_select, tuple(ignore))

    def excluded(self, path: str) -> bool:
        """Whether a config `exclude` pattern matches the file or directory."""
        return any(self.matches(path, pattern) for pattern in self.exclude)

    def matches(self, path: str, pattern: str) -> bool:
        """A glob against the path relative to the config's directory, the path as given, or its name."""
        given = Path(path)
        candidates = {given.as_posix(), given.name}
        try:
            candidates.add(given.resolve().relative_to(self.root).as_posix())
        except ValueError:
            pass
        pattern = pattern.replace("\\", "/").rstrip("/")
        pattern = pattern[2:] if pattern.startswith("./") else pattern
        return any(fnmatch.fnmatch(c, pattern) or fnmatch.fnmatch(c, pattern + "/*") for c in candidates if c)

    def resolved_target_version(self) -> Version:
        """Flag or config, else the installed `mindspore` distribution, else the newest known."""
        return resolve_target_version(self.target_version)

    def merged(self, **overrides: Any) -> "Settings":
        """These settings with the non-None overrides (command-line flags) on top."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_ENABLED_CACHE: Dict[tuple, FrozenSet[str]] = {}


def _enabled(select, extend_select, ignore) -> FrozenSet[str]:
    key = (select, extend_select, ignore)
    if key not in _ENABLED_CACHE:
        _ENABLED_CACHE[key] = frozenset(r.code for r in select_rules(select, extend_select, ignore))
    return _ENABLED_CACHE[key]


_TARGET_CACHE: Dict[Optional[str], Version] = {}


def resolve_target_version(explicit: Optional[str]) -> Version:
    if explicit not in _TARGET_CACHE:
        _TARGET_CACHE[explicit] = parse_version(explicit) if explicit else _installed_or_newest()
    return _TARGET_CACHE[explicit]


def _installed_or_newest() -> Version:
    """The installed `mindspore` distribution's version (metadata only, never imported)."""
    from importlib import metadata

    try:
        return parse_version(metadata.version("mindspore"))
    except (metadata.PackageNotFoundError, ValueError):
        return load_facts().newest


def check_target_version(value: str, where: str) -> str:
    try:
        version = parse_version(value)
    except ValueError:
        raise ConfigError("%s: target-version %r is not a version like '2.3'" % (where, value)) from None
    known = load_facts().known_versions
    if not known[0] <= version:
        raise ConfigError(
            "%s: target-version %s is older than the oldest supported (%s)"
            % (where, value, format_version(known[0]))
        )
    return value


def check_codes(values: Sequence[str], where: str) -> Tuple[str, ...]:
    codes = tuple(v.strip().upper() for v in values if v.strip())
    for code in codes:
        if not CODE_PREFIX.match(code):
            raise ConfigError("%s: %r is not a rule code or prefix (like MSL101, MSL1, MSL)" % (where, code))
    return codes


# --- config files ---------------------------------------------------------------------------
CONFIG_FILES = ("pyproject.toml", "setup.cfg", "tox.ini")
_KEYS = ("select", "extend-select", "ignore", "per-file-ignores", "exclude", "target-version")


def project_start(paths: Sequence[str]) -> Path:
    """Where the config search starts: the directory holding every path (as black does), else the cwd."""
    existing = [os.path.abspath(p) for p in paths if os.path.exists(p)]
    if not existing:
        return Path.cwd()
    common = Path(os.path.commonpath(existing))
    return common if common.is_dir() else common.parent


def discover(paths: Sequence[str], settings: Settings) -> Iterator[str]:
    """Python files under the paths, less excluded ones; a file named outright escapes only the default excludes."""
    for path in map(Path, paths):
        if path.is_file():
            if not settings.excluded(str(path)):
                yield str(path)
            continue
        for root, dirs, names in os.walk(path):
            here = Path(root)
            dirs[:] = sorted(d for d in dirs if not _default_excluded(d) and not settings.excluded(str(here / d)))
            for name in sorted(names):
                if name.endswith((".py", ".pyi")) and not settings.excluded(str(here / name)):
                    yield str(here / name)


def _default_excluded(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in DEFAULT_EXCLUDES)


def find_config(start: Path) -> Optional[Path]:
    """The nearest pyproject.toml with [tool.ms-lint], or setup.cfg / tox.ini with [ms-lint]."""
    start = start.resolve()
    for directory in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and _has_section(candidate):
                return candidate
    return None


def _has_section(path: Path) -> bool:
    try:
        return _raw_section(path) is not None
    except ConfigError:
        return True  # report the broken file rather than skip it


def _raw_section(path: Path) -> Optional[Dict[str, Any]]:
    if not path.is_file():
        raise ConfigError("%s: no such config file" % path)
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
            raise ConfigError("%s: cannot parse: %s" % (path, error)) from None
        section = data.get("tool", {}).get("ms-lint")
        return dict(section) if isinstance(section, dict) else None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError, OSError) as error:
        raise ConfigError("%s: cannot parse: %s" % (path, " ".join(str(error).split()))) from None
    if not parser.has_section("ms-lint"):
        return None
    return dict(parser.items("ms-lint"))


def load_settings(path: Path) -> Settings:
    """Settings from one config file; ConfigError names the file and key of a bad value."""
    raw = _raw_section(path)
    if raw is None:
        section = "[tool.ms-lint]" if path.suffix == ".toml" else "[ms-lint]"
        raise ConfigError("%s: no %s section" % (path, section))
    values: Dict[str, Any] = {"source": str(path)}
    for key, value in raw.items():
        where = "%s: %s" % (path, key)
        key = key.replace("_", "-")
        if key not in _KEYS:
            raise ConfigError("%s: unknown key (known: %s)" % (where, ", ".join(_KEYS)))
        if key == "target-version":
            values["target_version"] = check_target_version(str(value), where)
        elif key == "per-file-ignores":
            values["per_file_ignores"] = _per_file_ignores(value, where)
        elif key == "exclude":
            values["exclude"] = tuple(_list(value, where))
        else:
            values[key.replace("-", "_")] = check_codes(_list(value, where), where)
    return Settings(**values)


def _list(value: Any, where: str) -> List[str]:
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s]+", value) if v]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError("%s: expected a list of strings" % where)


def _per_file_ignores(value: Any, where: str) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    if isinstance(value, dict):
        pairs = [(k, _list(v, where)) for k, v in value.items()]
    elif isinstance(value, str):
        pairs = []
        for line in value.replace(",\n", "\n").splitlines():
            if line.strip():
                if ":" not in line:
                    raise ConfigError("%s: expected 'pattern: CODES' lines, got %r" % (where, line.strip()))
                pattern, codes = line.split(":", 1)
                pairs.append((pattern.strip(), _list(codes, where)))
    else:
        raise ConfigError("%s: expected a table of pattern = [codes]" % where)
    return tuple((pattern, check_codes(codes, where)) for pattern, codes in pairs)
