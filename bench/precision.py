"""Every default-on rule over the corpus: findings per rule and a seeded sample of up to 50 to read.

`python bench/precision.py [--out review.md]` prints, per rule, how many findings the corpus gives
and writes the sample (each finding with its source line) for a reader to judge; docs/precision.md
records the verdicts. The same seed picks the same sample while the findings stay the same.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Tuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import DEFAULT_DIR, package_dirs, prepare  # noqa: E402

from ms_lint.engine.settings import Settings  # noqa: E402
from ms_lint.registry import all_rules  # noqa: E402
from ms_lint.run.runner import lint_files  # noqa: E402

SAMPLE = 50
SEED = 8


def findings_by_rule(src: Path, jobs: int) -> Tuple[Dict[str, List[tuple]], List[str]]:
    """(code -> [(path, finding)]) for the default-on rules, and the per-file errors."""
    files = sorted(str(p) for d in package_dirs(src) for p in d.rglob("*.py"))
    by_rule: Dict[str, List[tuple]] = defaultdict(list)
    errors = []
    for result in lint_files(files, Settings(), jobs):
        if result.error:
            errors.append("%s: %s" % (result.path, result.error))
        for finding in result.findings:
            by_rule[finding.code].append((result.path, finding))
    return by_rule, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--out", type=Path, default=Path("precision-review.md"), help="where the sample goes")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    src = prepare(args.corpus)
    by_rule, errors = findings_by_rule(src, args.jobs)
    lines = ["# Findings to read (seed %d, up to %d per rule)" % (SEED, SAMPLE), ""]
    for code, rule in all_rules().items():
        if not rule.default_enabled:
            continue
        found = by_rule.get(code, [])
        sample = random.Random("%s-%d" % (code, SEED)).sample(found, min(SAMPLE, len(found)))
        print("%s %-40s %5d findings, %d sampled" % (code, rule.name, len(found), len(sample)))
        lines += ["## %s %s: %d findings, %d sampled" % (code, rule.name, len(found), len(sample)), ""]
        for number, (path, finding) in enumerate(sorted(sample, key=lambda item: (item[0], item[1].line)), 1):
            relative = Path(path).relative_to(src)
            source = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
            context = source[finding.line - 1].strip() if finding.line <= len(source) else ""
            lines += ["%d. `%s:%d` %s" % (number, relative, finding.line, finding.message), "    `%s`" % context, ""]
    print("%d files could not be checked" % len(errors))
    for error in errors:
        print("  " + error)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("sample written to %s" % args.out)


if __name__ == "__main__":
    main()
