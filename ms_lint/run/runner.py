"""Linting many files: the content-hash cache and `-j N` worker processes, results in file order."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from ms_lint.engine import FileResult, lint_bytes, lint_file
from ms_lint.engine.settings import Settings
from ms_lint.files import read_bytes
from ms_lint.run.cache import Cache, keep_summaries, prune

_worker: dict = {}  # the settings and cache of this process's runs


def lint_files(files: Sequence[str], settings: Settings, jobs: int = 1, cache_dir: Optional[Path] = None) -> List[FileResult]:
    """Lint every file, `jobs` processes at a time (0: one per CPU), reusing cached results."""
    jobs = jobs or os.cpu_count() or 1
    jobs = min(jobs, len(files))
    if cache_dir is not None:
        prune(cache_dir)
    if jobs > 1:
        try:
            return _parallel(files, settings, jobs, cache_dir)
        except (OSError, RuntimeError, ImportError):  # no process pool on this system, or a worker died
            pass
    _setup(settings, cache_dir)
    return [_lint_one(path) for path in files]


def _parallel(files: Sequence[str], settings: Settings, jobs: int, cache_dir: Optional[Path]) -> List[FileResult]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, min(32, len(files) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_setup, initargs=(settings, cache_dir)) as pool:
        return list(pool.map(_lint_one, files, chunksize=chunk))


def _setup(settings: Settings, cache_dir: Optional[Path]) -> None:
    _worker["settings"] = settings
    _worker["cache"] = Cache(cache_dir, settings) if cache_dir is not None else None
    keep_summaries(cache_dir)


def _lint_one(path: str) -> FileResult:
    settings, cache = _worker["settings"], _worker["cache"]
    if cache is None:
        return lint_file(path, settings)
    data, error = read_bytes(path)
    if error:
        return FileResult(path, error=error)  # not cached: the file may be readable next time
    key = cache.key(path, data)
    result = cache.get(key, path, data)
    if result is None:
        result = lint_bytes(data, path, settings)
        cache.put(key, result)
    return result


def lint_each(files: Sequence[str], settings_for: Callable[[str], Settings], jobs: int = 1, cache_dir: Optional[Path] = None) -> List[FileResult]:
    """Lint every file with its own settings (its nearest config), results in file order."""
    groups: Dict[Settings, List[str]] = {}
    for path in files:
        groups.setdefault(settings_for(path), []).append(path)
    results = {}
    for settings, paths in groups.items():
        results.update(zip(paths, lint_files(paths, settings, jobs, cache_dir)))
    return [results[path] for path in files]
