"""Config files: `[tool.ms-lint]` in pyproject.toml, `[ms-lint]` in setup.cfg / tox.ini, found per file."""
from __future__ import annotations

import configparser
import os
import re
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ms_lint.engine.settings import ConfigError, Settings, check_codes, check_target_version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on the old-Python tox environments
    import tomli as tomllib

CONFIG_FILES = ("pyproject.toml", "setup.cfg", "tox.ini")
_KEYS = ("extend", "select", "extend-select", "ignore", "per-file-ignores", "exclude", "target-version")


class ConfigResolver:
    """The settings each file is judged by: the nearest config file above it, flags on top."""

    def __init__(self, explicit: Optional[Path] = None, isolated: bool = False, **overrides: Any) -> None:
        self.overrides = overrides
        self.fixed: Optional[Settings] = None
        if explicit is not None:
            self.fixed = load_settings(explicit).merged(**overrides)
        elif isolated:
            self.fixed = Settings().merged(**overrides)
        self._by_directory: Dict[Path, Settings] = {}
        self._by_file: Dict[Path, Settings] = {}

    def for_path(self, path: str) -> Settings:
        """Settings for a file or directory (a directory is judged by the config in or above it)."""
        if self.fixed is not None:
            return self.fixed
        absolute = Path(os.path.abspath(path))
        return self.for_directory(absolute if os.path.isdir(absolute) else absolute.parent)

    def for_directory(self, directory: Path) -> Settings:
        if directory not in self._by_directory:
            found = find_config(directory) or find_config(Path.cwd())
            if found not in self._by_file:
                self._by_file[found] = (load_settings(found) if found else Settings()).merged(**self.overrides)
            self._by_directory[directory] = self._by_file[found]
        return self._by_directory[directory]


def find_config(start: Path) -> Optional[Path]:
    """The nearest pyproject.toml with [tool.ms-lint], or setup.cfg / tox.ini with [ms-lint]."""
    start = Path(os.path.abspath(start))
    for directory in [start, *start.parents]:
        for name in CONFIG_FILES:
            candidate = directory / name
            try:
                if candidate.is_file() and _has_section(candidate):
                    return candidate
            except OSError as error:
                raise ConfigError("%s: cannot read: %s" % (candidate, error.strerror or error)) from None
    return None


def _has_section(path: Path) -> bool:
    try:
        return _raw_section(path) is not None
    except ConfigError:
        return True  # report the broken file rather than skip it


def _read(path: Path) -> str:
    if not path.is_file():
        raise ConfigError("%s: no such config file" % path)
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError("%s: cannot read: %s" % (path, getattr(error, "strerror", None) or error)) from None


def _raw_section(path: Path) -> Optional[Dict[str, Any]]:
    text = _read(path)
    if path.suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError("%s: cannot parse: %s" % (path, error)) from None
        section = data.get("tool", {}).get("ms-lint")
        return dict(section) if isinstance(section, dict) else None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        raise ConfigError("%s: cannot parse: %s" % (path, " ".join(str(error).split()))) from None
    if not parser.has_section("ms-lint"):
        return None
    return dict(parser.items("ms-lint"))


def load_settings(path: Path, _seen: Tuple[Path, ...] = ()) -> Settings:
    """Settings from one config file and the file it extends; ConfigError names the file and key of a bad value."""
    raw = _raw_section(path)
    if raw is None:
        section = "[tool.ms-lint]" if path.suffix == ".toml" else "[ms-lint]"
        raise ConfigError("%s: no %s section" % (path, section))
    root = str(Path(os.path.abspath(path)).parent)
    values: Dict[str, Any] = {"source": str(path)}
    base = Settings()
    for key, value in raw.items():
        where = "%s: %s" % (path, key)
        key = key.replace("_", "-")
        if key not in _KEYS:
            raise ConfigError("%s: unknown key (known: %s)" % (where, ", ".join(_KEYS)))
        if key == "extend":
            base = _extended(path, value, where, _seen)
        elif key == "target-version":
            values["target_version"] = check_target_version(value, where)
        elif key == "per-file-ignores":
            values["per_file_ignores"] = tuple(((root, p), codes) for p, codes in _per_file_ignores(value, where))
        elif key == "exclude":
            values["exclude"] = tuple((root, p) for p in _list(value, where))
        else:
            values[key.replace("-", "_")] = check_codes(_list(value, where), where, allow_empty=key != "select")
    return base.merged(**values)


def _extended(path: Path, value: Any, where: str, seen: Tuple[Path, ...]) -> Settings:
    """The settings of the file `extend` names (relative to this file): the base this file overrides."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError("%s: expected the path of another config file" % where)
    target = Path(os.path.abspath(path.parent / os.path.expandvars(os.path.expanduser(value.strip()))))
    here = Path(os.path.abspath(path))
    if target in seen or target == here:
        raise ConfigError("%s: %s extends itself through %s" % (where, path, " -> ".join(map(str, (*seen, here, target)))))
    return load_settings(target, (*seen, here))


def _list(value: Any, where: str) -> List[str]:
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s]+", value) if v]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ConfigError("%s: expected a list of strings" % where)


def _per_file_ignores(value: Any, where: str) -> List[Tuple[str, Tuple[str, ...]]]:
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
    return [(pattern, check_codes(codes, where)) for pattern, codes in pairs]
