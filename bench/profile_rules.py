"""Where the engine's time goes on the corpus: parsing, the shared context, the walk, and each checker.

`python bench/profile_rules.py [--packages mindcv,mindocr]` prints CPU seconds per part, the slowest
checker first, so that a rule that costs more than its share shows up by name.
"""
from __future__ import annotations

import argparse
import ast
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Dict, List

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import DEFAULT_DIR, package_dirs, prepare  # noqa: E402

from ms_lint import engine  # noqa: E402
from ms_lint.analysis.context import FileContext  # noqa: E402
from ms_lint.engine.settings import Settings  # noqa: E402
from ms_lint.facts import load_facts  # noqa: E402
from ms_lint.files import read_source  # noqa: E402
from ms_lint.registry import all_checkers  # noqa: E402

clock = time.process_time
_HANDLERS = "handlers"


def timed(spent: Dict[str, float], name: str, function: Callable) -> Callable:
    def run(*args):
        start = clock()
        try:
            return function(*args)
        finally:
            spent[name] += clock() - start
            spent[_HANDLERS] += clock() - start

    return run


def profile(files: List[Path]) -> Dict[str, float]:
    """CPU seconds per part over every file."""
    spent: Dict[str, float] = defaultdict(float)
    facts, settings = load_facts(), Settings()
    enabled = settings.enabled_codes()
    for path in files:
        source = read_source(str(path))
        if not any(root in source for root in facts.roots):
            continue
        start = clock()
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            continue
        spent["(parse)"] += clock() - start
        start = clock()
        ctx = FileContext(str(path), source, tree, facts, settings.resolved_target_version(), enabled)
        spent["(context: names, patches)"] += clock() - start
        if not ctx.uses_mindspore():
            continue
        checkers = []
        for cls in all_checkers():
            start = clock()
            checkers.append(cls(ctx))
            spent[cls.__name__] += clock() - start
        visit, leave = engine._dispatch(checkers)
        for table in (visit, leave):
            for kind, handlers in table.items():
                table[kind] = [timed(spent, h.__self__.__class__.__name__, h) for h in handlers]
        partials = [timed(spent, c.__class__.__name__, c.visit_Call) for c in checkers
                    if c.sees_partial_calls and hasattr(c, "visit_Call")]
        start = clock()
        engine._walk(ctx, visit, leave, partials)
        spent["(walk, handlers included)"] += clock() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--packages", help="comma-separated package names (default: all)")
    args = parser.parse_args()
    dirs = package_dirs(prepare(args.corpus))
    if args.packages:
        dirs = [d for d in dirs if d.name.split("-")[0] in args.packages.split(",")]
    spent = profile(sorted(p for d in dirs for p in d.rglob("*.py")))
    spent["(walk itself, without handlers)"] = spent["(walk, handlers included)"] - spent.pop(_HANDLERS)
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print("%8.2f s  %s" % (seconds, name))


if __name__ == "__main__":
    main()
