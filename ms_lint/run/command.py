"""One run of the `ms-lint` command: settings per file, discovery or stdin, fixes, and the report."""
from __future__ import annotations

import argparse
import difflib
import logging
import os
import sys
from pathlib import Path
from typing import Dict, List, Optional

from ms_lint.engine import FileResult, lint_source
from ms_lint.engine.settings import ConfigError, check_codes, check_target_version
from ms_lint.files import decoded
from ms_lint.output import Report, deliver, fix_notes, render, statistics
from ms_lint.output.report import unresolved_note
from ms_lint.run.cache import default_cache_dir
from ms_lint.run.config_files import ConfigResolver
from ms_lint.run.discovery import discover
from ms_lint.run.fixing import FileFix, fix_file
from ms_lint.run.runner import lint_each
from ms_lint.run.stdin import STDIN, fix_stdin, lint_stdin

LOG = logging.getLogger("ms_lint")


def run(args: argparse.Namespace) -> int:
    """Check the paths (or stdin) the parsed command line names; returns the exit status."""
    stdin = args.paths == [STDIN] or (not args.paths and args.stdin_filename is not None)
    if args.unsafe_fixes and not (args.fix or args.diff):
        print("ms-lint: --unsafe-fixes does nothing without --fix or --diff", file=sys.stderr)
    try:
        if STDIN in args.paths and not stdin:
            raise ConfigError("'-' (read stdin) cannot be combined with other paths")
        resolver = _resolver(args)
        if stdin:
            return _stdin(args, resolver)
        paths = args.paths or ["."]
        found = discover(paths, resolver, not args.no_respect_gitignore)
    except ConfigError as error:
        print("ms-lint: %s" % error, file=sys.stderr)
        return 2
    for path, message in found.errors + found.skipped:
        print("ms-lint: %s: %s" % (path, message), file=sys.stderr)
    files, failed = found.files, bool(found.errors)
    if not files and not found.errors:
        print("ms-lint: no Python files found under %s" % ", ".join(paths), file=sys.stderr)
    cache_dir = None if args.no_cache else default_cache_dir()
    lint = lambda: _as_report(lint_each(files, resolver.for_path, args.jobs, cache_dir), args)  # noqa: E731
    before = lint() if _needs_before(args) else None
    if args.diff:
        code = _diff([fix_file(path, resolver.for_path(path), args.unsafe_fixes, write=False) for path in files], failed)
        _notes(before, None, args)
        return code
    if args.fix:
        failed = _fixed([fix_file(path, resolver.for_path(path), args.unsafe_fixes, write=True) for path in files]) or failed
    report = before if before and not args.fix else lint()
    _notes(before, report, args)
    code = _report(report, args, failed)
    return 0 if args.exit_zero and code == 1 else code


def _resolver(args: argparse.Namespace) -> ConfigResolver:
    split = lambda value, flag, empty=True: check_codes(value.split(","), flag, empty) if value is not None else None  # noqa: E731
    target = check_target_version(args.target_version, "--target-version") if args.target_version else None
    return ConfigResolver(
        Path(args.config) if args.config else None,
        args.isolated,
        select=split(args.select, "--select", False),
        extend_select=split(args.extend_select, "--extend-select"),
        ignore=split(args.ignore, "--ignore"),
        target_version=target,
    )


def _stdin(args: argparse.Namespace, resolver: ConfigResolver) -> int:
    """Lint (or, with --fix, fix and print) the source on stdin; formats that quote lines get its text."""
    name = args.stdin_filename or STDIN
    settings = resolver.for_path(name if args.stdin_filename else ".")
    data = sys.stdin.buffer.read()
    source, _ = decoded(data)
    lint = lambda: _as_report([lint_stdin(data, name, settings)], args, {name: source})  # noqa: E731
    before = lint() if _needs_before(args) else None
    if not (args.fix or args.diff):
        report = before or lint()
        _notes(before, report, args)
        code = _report(report, args, False)
        return 0 if args.exit_zero and code == 1 else code
    fixed = fix_stdin(data, name, settings, args.unsafe_fixes)
    if args.diff:
        code = _diff([fixed], False)
        _notes(before, None, args)
        return code
    sys.stdout.write(fixed.fixed if fixed.original else data.decode("utf-8", "replace"))
    sys.stdout.flush()
    if fixed.error or fixed.refused:
        print("%s: %s" % (name, fixed.error or fixed.refused), file=sys.stderr)
        return 2
    left = _as_report([lint_source(fixed.fixed, name, settings)], args, {name: fixed.fixed})
    _notes(before, left, args)
    if left.located:
        print(render(args.format, left), file=sys.stderr)
    return 0 if args.exit_zero or not left.located else 1


def _fixed(fixes: List[FileFix]) -> bool:
    """Report what --fix wrote (on stderr, so stdout stays in the chosen format); True if a fix was refused."""
    for refused in (f for f in fixes if f.refused):
        print("%s: %s" % (refused.path, refused.refused), file=sys.stderr)
    _summary("fixed", [f for f in fixes if f.fixed != f.original])
    return any(f.refused for f in fixes)


def _diff(fixes: List[FileFix], failed: bool) -> int:
    """Print each file's fixes as a unified diff; exit 1 when there is something to fix."""
    changed = [f for f in fixes if f.fixed != f.original]
    for f in fixes:
        if f.error or f.refused:
            print("%s: %s" % (f.path, f.error or f.refused), file=sys.stderr)
            failed = True
        elif f in changed:
            name = Path(f.path).as_posix()
            old, new = (name, name) if os.path.isabs(name) else ("a/" + name, "b/" + name)
            sys.stdout.writelines(difflib.unified_diff(f.original.splitlines(True), f.fixed.splitlines(True), old, new))
    _summary("would fix", changed)
    return 2 if failed else (1 if changed else 0)


def _summary(verb: str, changed: List[FileFix]) -> None:
    if changed:
        print("ms-lint: %s %s in %s" % (verb, _count(sum(f.applied for f in changed), "finding"), _count(len(changed), "file")), file=sys.stderr)


def _count(n: int, noun: str) -> str:
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")


def _needs_before(args: argparse.Namespace) -> bool:
    """Whether the run lints before fixing: --show-fixes lists what fixing changes, --diff counts the unsafe fixes it holds back."""
    return args.show_fixes or (args.diff and not args.unsafe_fixes)


def _as_report(results: List[FileResult], args: argparse.Namespace, sources: Optional[Dict[str, str]] = None) -> Report:
    asked = _unresolved(results)
    if asked:
        LOG.info("ms-lint: %s", unresolved_note(asked))
    located = [(r.path, f) for r in results for f in r.findings]
    unsafe = args.unsafe_fixes and (args.fix or args.diff)
    return Report(located, [(r.path, r.error) for r in results if r.error], unsafe, sources or {}, asked)


def _unresolved(results: List[FileResult]) -> Dict[str, int]:
    """The modules the analysis looked for and found no source of (what they define stays out of
    sight, and the rules that need it are silent), with how many files asked: said once per run with
    -v, and as SARIF notifications."""
    asked: Dict[str, int] = {}
    for result in results:
        for module in {d[0] for d in result.depends if not d[1]}:
            asked[module] = asked.get(module, 0) + 1
    return dict(sorted(asked.items()))


def _notes(before: Optional[Report], after: Optional[Report], args: argparse.Namespace) -> None:
    print(fix_notes(before, after, args.diff, args.fix, args.unsafe_fixes, args.show_fixes), end="", file=sys.stderr)


def _report(report: Report, args: argparse.Namespace, failed: bool) -> int:
    for path, why in report.failures:
        print("%s: %s" % (path, why), file=sys.stderr)
    output = statistics(report, args.format == "json") if args.statistics else render(args.format, report)
    error = deliver(output, args.output_file)
    if error:
        print("ms-lint: %s" % error, file=sys.stderr)
        return 2
    return 2 if failed or report.failures else (1 if report.located else 0)
