"""The `ms-lint` command: exit 0 clean, 1 findings, 2 usage or internal error."""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
from importlib.resources import files
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple

from ms_lint import __version__
from ms_lint.config import ConfigError, Settings, check_codes, check_target_version, find_config, load_settings
from ms_lint.engine import FileResult, lint_file
from ms_lint.formats import FORMATS, render
from ms_lint.rules import all_rules

DEFAULT_EXCLUDES = (".git", ".hg", ".tox", ".nox", ".venv", "venv", "__pycache__", "build", "dist", "node_modules", ".eggs", "*.egg-info")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ms-lint", description="Find MindSpore traps in Python code, above all in code ported from PyTorch.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to check (default: .)")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    p.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to report, instead of the defaults")
    p.add_argument("--extend-select", metavar="CODES", help="codes or prefixes to report in addition (opt-in rules)")
    p.add_argument("--ignore", metavar="CODES", help="codes or prefixes not to report")
    p.add_argument("--target-version", metavar="VERSION", help="MindSpore version the code targets, e.g. 2.3")
    p.add_argument("--config", metavar="FILE", help="read settings from this file instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore every config file")
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    p.add_argument("--version", action="version", version="ms-lint " + __version__)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parser().parse_args(argv)
    if args.list_rules:
        return _list_rules(args.format)
    if args.explain:
        return _explain(args.explain)
    try:
        settings = _settings(args)
    except ConfigError as error:
        print("ms-lint: %s" % error, file=sys.stderr)
        return 2
    paths = args.paths or ["."]
    missing = [p for p in paths if not os.path.exists(p)]
    for path in missing:
        print("ms-lint: %s: no such file or directory" % path, file=sys.stderr)
    files_ = list(discover([p for p in paths if p not in missing], settings.exclude))
    if not files_ and not missing:
        print("ms-lint: no Python files found under %s" % ", ".join(paths), file=sys.stderr)
    results = [lint_file(path, settings) for path in files_]
    return _report(results, args.format, failed=bool(missing))


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if args.config:
        settings = load_settings(Path(args.config))
    elif not args.isolated:
        found = find_config(Path.cwd())
        if found:
            settings = load_settings(found)
    split = lambda value, flag: check_codes(value.split(","), flag) if value is not None else None  # noqa: E731
    target = check_target_version(args.target_version, "--target-version") if args.target_version else None
    return settings.merged(
        select=split(args.select, "--select"),
        extend_select=split(args.extend_select, "--extend-select"),
        ignore=split(args.ignore, "--ignore"),
        target_version=target,
    )


def discover(paths: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    """Python files under the paths; files named on the command line are always checked."""
    patterns = tuple(DEFAULT_EXCLUDES) + tuple(exclude)
    excluded = lambda path: any(fnmatch.fnmatch(path.name, p) or fnmatch.fnmatch(path.as_posix(), p) for p in patterns)  # noqa: E731
    for path in map(Path, paths):
        if path.is_file():
            yield str(path)
            continue
        for root, dirs, names in os.walk(path):
            here = Path(root)
            dirs[:] = sorted(d for d in dirs if not excluded(here / d))
            for name in sorted(names):
                if name.endswith((".py", ".pyi")) and not excluded(here / name):
                    yield str(here / name)


def _report(results: List[FileResult], fmt: str, failed: bool) -> int:
    located: List[Tuple[str, object]] = []
    for result in results:
        if result.error:
            print("%s: %s" % (result.path, result.error), file=sys.stderr)
            failed = True
        located.extend((result.path, f) for f in result.findings)
    output = render(fmt, located)
    if output:
        print(output)
    return 2 if failed else (1 if located else 0)


def _list_rules(fmt: str) -> int:
    rules = all_rules().values()
    if fmt == "json":
        print(json.dumps([{"code": r.code, "name": r.name, "summary": r.summary, "default_enabled": r.default_enabled, "fix": r.fix} for r in rules], indent=2))
    else:
        for r in rules:
            flags = "" if r.default_enabled else "  (opt-in)"
            print("%s  %-36s %s%s" % (r.code, r.name, r.summary, flags))
    return 0


def rule_doc(code: str) -> Optional[str]:
    """The rule's documentation page: shipped in the package, or docs/rules in a source checkout."""
    for page in (
        files("ms_lint").joinpath("docs", "%s.md" % code),
        Path(__file__).resolve().parent.parent / "docs" / "rules" / ("%s.md" % code),  # source checkout
    ):
        if page.is_file():
            return page.read_text(encoding="utf-8")
    return None


def _explain(code: str) -> int:
    code = code.upper()
    rules = all_rules()
    if code not in rules:
        print("ms-lint: unknown rule %s (see --list-rules)" % code, file=sys.stderr)
        return 2
    print(rule_doc(code) or "%s %s: %s" % (code, rules[code].name, rules[code].summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
