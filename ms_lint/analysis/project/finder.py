"""Where a module's source file is, found by path lookup alone: `PathFinder.find_spec` one level at a
time with explicit paths, never `importlib.util.find_spec` or an import, so no package's `__init__` runs."""
from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder
from typing import Dict, List, Optional, Tuple

from ms_lint.analysis.names import MAX_DEPTH

MEMO_SIZE = 4096  # modules remembered per process; the memo starts afresh when full
_found: Dict[Tuple[Tuple[str, ...], str], Optional[str]] = {}


def package_of(path: str) -> Tuple[str, str]:
    """(the directory the file's top package lies in, the dotted name of the file's package), found by
    walking up the directories that hold an `__init__.py`; a script's are (its directory, "")."""
    directory = os.path.dirname(os.path.abspath(path))
    parts: List[str] = []
    while len(parts) <= MAX_DEPTH and os.path.isfile(os.path.join(directory, "__init__.py")):
        parent, name = os.path.split(directory)
        if not name.isidentifier() or parent == directory:
            break
        parts.append(name)
        directory = parent
    return directory, ".".join(reversed(parts))


def search_roots(path: str) -> Tuple[str, ...]:
    """Where the linted file's imports are looked for: its package root (a script's own directory) and
    a `src/` beside it, when the file exists, then the interpreter's path (not the working directory)."""
    roots: List[str] = []
    if os.path.isfile(path):
        root = package_of(path)[0]
        roots += [d for d in (root, os.path.join(root, "src")) if os.path.isdir(d)]
    here = os.getcwd()
    for entry in sys.path:
        if entry and entry != here and entry not in roots and os.path.isdir(entry):
            roots.append(entry)
    return tuple(roots)


def find_module(name: str, roots: Tuple[str, ...]) -> Optional[str]:
    """The `.py` file (a package's `__init__.py`) that module `name` is under `roots`, or None: not
    found, a namespace package, an extension module, or a name that is not dotted identifiers."""
    key = (roots, name)
    if key in _found:
        return _found[key]
    if len(_found) >= MEMO_SIZE:
        _found.clear()
    origin = _lookup(name.split("."), roots)
    _found[key] = origin
    return origin


def _lookup(parts: List[str], roots: Tuple[str, ...]) -> Optional[str]:
    locations: Optional[List[str]] = list(roots)
    origin: Optional[str] = None
    for depth, part in enumerate(parts):
        if locations is None or not part.isidentifier() or depth > MAX_DEPTH:
            return None
        try:
            spec = PathFinder.find_spec(".".join(parts[: depth + 1]), locations)
        except (ImportError, OSError, ValueError):
            return None
        if spec is None:
            return None
        origin = spec.origin if spec.has_location else None
        search = spec.submodule_search_locations
        locations = list(search) if search is not None else None
    return origin if origin and origin.endswith(".py") and os.path.isfile(origin) else None
