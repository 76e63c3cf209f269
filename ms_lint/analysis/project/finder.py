"""Where a module's source file is, found by path lookup alone, one level at a time, as Python's path
finder looks for source: in each directory in turn, a package (`name/__init__.py`), else a module
(`name.py`), else a namespace portion (`name/`, the search going on). Never `importlib.util.find_spec`
or an import, so no package's `__init__` runs; not `PathFinder.find_spec` either, which runs the
path hooks and, for a namespace package inside another, wants the parent in `sys.modules`."""
from __future__ import annotations

import os
import sys
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
    locations = list(roots)
    for depth, part in enumerate(parts):
        if not part.isidentifier() or depth > MAX_DEPTH:
            return None
        last = depth == len(parts) - 1
        portions: List[str] = []
        for location in locations:
            directory = os.path.join(location, part)
            init = os.path.join(directory, "__init__.py")
            if os.path.isfile(init):
                if last:
                    return init
                portions = [directory]
                break
            module = directory + ".py"
            if os.path.isfile(module):
                return module if last else None
            if os.path.isdir(directory):
                portions.append(directory)
        if not portions:
            return None
        locations = portions
    return None  # a namespace package: no source
