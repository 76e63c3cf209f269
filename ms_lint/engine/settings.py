"""Settings: rule selection, target version and file filters, and the checks on every value."""
from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Optional, Sequence, Tuple

from ms_lint.facts import Version, format_version, load_facts, parse_version
from ms_lint.registry import INTERNAL_ERROR, all_rules, known_selector, select_rules

CODE_PREFIX = re.compile(r"^(ALL|MSL[0-9]{0,3})$")
_MAGIC = re.compile(r"[*?\[]")

# A pattern, anchored at the directory of the config file that wrote it ("" : the working directory).
Anchored = Tuple[str, str]


class ConfigError(Exception):
    """A bad flag or config value; the message is one line naming the file and key."""


@dataclass(frozen=True)
class Settings:
    """Everything that decides what is reported for a file."""

    select: Optional[Tuple[str, ...]] = None
    extend_select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    per_file_ignores: Tuple[Tuple[Anchored, Tuple[str, ...]], ...] = ()
    exclude: Tuple[Anchored, ...] = ()
    target_version: Optional[str] = None
    source: str = field(default="", compare=False)  # the config file the values came from

    def enabled_codes(self, path: str = "") -> FrozenSet[str]:
        """Codes reported for `path`."""
        ignore = list(self.ignore)
        for (root, pattern), codes in self.per_file_ignores:
            if path and pattern_matcher(root, (pattern,)).matches(path):
                ignore.extend(codes)
        return _enabled(self.select, self.extend_select, tuple(ignore))

    def excluded(self, path: str) -> bool:
        """Whether a config `exclude` pattern matches the file or directory."""
        return any(pattern_matcher(root, patterns).matches(path) for root, patterns in _by_root(self.exclude))

    def resolved_target_version(self) -> Version:
        """Flag or config, else the installed `mindspore` distribution, else the newest known."""
        return resolve_target_version(self.target_version)

    def merged(self, **overrides: Any) -> "Settings":
        """These settings with the non-None overrides (command-line flags, an extending file) on top."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


@lru_cache(maxsize=256)
def _by_root(anchored: Tuple[Anchored, ...]) -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    roots: Dict[str, list] = {}
    for root, pattern in anchored:
        roots.setdefault(root, []).append(pattern)
    return tuple((root, tuple(patterns)) for root, patterns in roots.items())


class PatternMatcher:
    """Globs compiled once: literal patterns in a set, the others in one regular expression."""

    def __init__(self, root: str, patterns: Sequence[str]) -> None:
        self.root = Path(root).resolve() if root else None
        cleaned = [p.replace("\\", "/").rstrip("/") for p in patterns]
        cleaned = [p[2:] if p.startswith("./") else p for p in cleaned]
        self.literals = frozenset(p for p in cleaned if p and not _MAGIC.search(p))
        globs = [p for p in cleaned if p and _MAGIC.search(p)]
        # a directory pattern covers everything below it, as `pattern/*` does
        self.regex = re.compile("|".join(fnmatch.translate(g) + "|" + fnmatch.translate(g + "/*") for g in globs)) if globs else None

    def matches(self, path: str) -> bool:
        """A glob against the path relative to the config's directory, the path as given, or its name."""
        given = Path(path)
        candidates = {given.as_posix(), given.name}
        try:
            candidates.add(given.resolve().relative_to(self.root or Path.cwd()).as_posix())
        except (ValueError, OSError, RuntimeError):
            pass
        return any(self._matches(c) for c in candidates if c and c != ".")

    def _matches(self, candidate: str) -> bool:
        if self.literals:
            parts = candidate.split("/")
            if any("/".join(parts[:i]) in self.literals for i in range(1, len(parts) + 1)):
                return True
        return bool(self.regex and self.regex.match(candidate))


@lru_cache(maxsize=256)
def pattern_matcher(root: str, patterns: Tuple[str, ...]) -> PatternMatcher:
    """The compiled matcher of a pattern list, built once per run."""
    return PatternMatcher(root, patterns)


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


def check_target_version(value: Any, where: str) -> str:
    """A version between the oldest and the newest MindSpore ms-lint knows, as a string."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ConfigError(
            "%s: target-version %r is a number (TOML reads 2.10 as 2.1); quote it: target-version = \"2.10\"" % (where, value)
        )
    try:
        version = parse_version(value)
    except ValueError:
        raise ConfigError("%s: target-version %r is not a version like '2.3'" % (where, value)) from None
    known = load_facts().known_versions
    if version < known[0]:
        raise ConfigError("%s: target-version %s is older than the oldest supported (%s)" % (where, value, format_version(known[0])))
    if version > known[-1]:
        raise ConfigError("%s: target-version %s is newer than the newest MindSpore ms-lint knows (%s)" % (where, value, format_version(known[-1])))
    return value


def check_codes(values: Sequence[str], where: str, allow_empty: bool = True, host_filters: bool = False) -> Tuple[str, ...]:
    """Codes or prefixes that name at least one rule; an unknown one is an error naming the nearest.
    MSL000 is not a rule: a file that could not be checked is always reported, and naming it is an
    error, except where the host filters reported codes itself (`host_filters`: flake8)."""
    codes = tuple(v.strip().upper() for v in values if v.strip())
    if not codes and not allow_empty:
        raise ConfigError("%s: an empty selection turns every rule off; name codes or prefixes (like MSL)" % where)
    for code in codes:
        if not CODE_PREFIX.match(code):
            raise ConfigError("%s: %r is not a rule code or prefix (like MSL101, MSL1, MSL; %s)" % (where, code, _nearest(code)))
        if known_selector(code) or (host_filters and INTERNAL_ERROR.code.startswith(code)):
            continue
        if INTERNAL_ERROR.code.startswith(code):
            raise ConfigError("%s: %s names only %s (%s), which no selection turns on or off: a file ms-lint could not check is always reported"
                              % (where, code, INTERNAL_ERROR.code, INTERNAL_ERROR.name))
        raise ConfigError("%s: unknown rule code %s (%s)" % (where, code, _nearest(code)))
    return codes


def _nearest(code: str) -> str:
    rules = list(all_rules())
    selectors = sorted({"MSL", *rules, *(c[:4] for c in rules), *(c[:5] for c in rules)})
    close = difflib.get_close_matches(code, [s for s in selectors if len(s) == len(code)] or selectors, n=3, cutoff=0.5)
    return "nearest: %s" % ", ".join(close) if close else "see --list-rules"
