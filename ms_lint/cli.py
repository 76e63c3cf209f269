"""The `ms-lint` command: exit 0 clean, 1 findings, 2 usage or internal error."""
from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from ms_lint import __version__
from ms_lint.config import ConfigError, Settings, check_codes, check_target_version, discover, find_config, load_settings, project_start
from ms_lint.cache import CACHE_DIR_ENV, default_cache_dir
from ms_lint.engine import FileResult
from ms_lint.fixes import FileFix, fix_file
from ms_lint.formats import FORMATS, list_rules, render, rule_doc
from ms_lint.rules import all_rules
from ms_lint.runner import lint_files


def parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(prog="ms-lint", description="Find MindSpore traps in Python code, above all in code ported from PyTorch.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to check (default: .)")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    p.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to report, instead of the defaults")
    p.add_argument("--extend-select", metavar="CODES", help="codes or prefixes to report in addition (opt-in rules)")
    p.add_argument("--ignore", metavar="CODES", help="codes or prefixes not to report")
    p.add_argument("--target-version", metavar="VERSION", help="MindSpore version the code targets, e.g. 2.3")
    p.add_argument("--fix", action="store_true", help="apply safe fixes in place, then report what is left")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="check files in N processes (0: one per CPU; default: 1)")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache (%s overrides its directory)" % CACHE_DIR_ENV)
    p.add_argument("--config", metavar="FILE", help="read settings from this file instead of searching for one")
    p.add_argument("--isolated", action="store_true", help="ignore every config file")
    p.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    p.add_argument("--explain", metavar="CODE", help="print a rule's documentation and exit")
    p.add_argument("--version", action="version", version="ms-lint " + __version__)
    return p


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["server"]:  # the language server, with the extra `ms-lint[server]`
        try:
            from ms_lint.server import serve
        except ImportError as error:
            print("ms-lint: `ms-lint server` needs pygls (pip install 'ms-lint[server]'): %s" % error, file=sys.stderr)
            return 2
        return serve(argv[1:])
    args = parser().parse_args(argv)
    if args.list_rules:
        print(list_rules(args.format))
        return 0
    if args.explain:
        return _explain(args.explain)
    paths = args.paths or ["."]
    try:
        settings = _settings(args, paths)
    except ConfigError as error:
        print("ms-lint: %s" % error, file=sys.stderr)
        return 2
    missing = [p for p in paths if not os.path.exists(p)]
    for path in missing:
        print("ms-lint: %s: no such file or directory" % path, file=sys.stderr)
    files = list(discover([p for p in paths if p not in missing], settings))
    if not files and not missing:
        print("ms-lint: no Python files found under %s" % ", ".join(paths), file=sys.stderr)
    if args.diff:
        return _diff([fix_file(path, settings, args.unsafe_fixes, write=False) for path in files], failed=bool(missing))
    failed = bool(missing)
    if args.fix:
        failed = _fixed([fix_file(path, settings, args.unsafe_fixes, write=True) for path in files]) or failed
    cache_dir = None if args.no_cache else default_cache_dir()
    code = _report(lint_files(files, settings, max(args.jobs, 0), cache_dir), args.format, failed)
    return 0 if args.exit_zero and code == 1 else code


def _settings(args: argparse.Namespace, paths: Sequence[str]) -> Settings:
    settings = Settings()
    if args.config:
        settings = load_settings(Path(args.config))
    elif not args.isolated:
        found = find_config(project_start(paths))
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


def _report(results: List[FileResult], fmt: str, failed: bool) -> int:
    located: List[Tuple[str, object]] = []
    failures = []
    for result in results:
        if result.error:
            print("%s: %s" % (result.path, result.error), file=sys.stderr)
            failures.append((result.path, result.error))
        located.extend((result.path, f) for f in result.findings)
    output = render(fmt, located, failures)
    failed = failed or bool(failures)
    if output:
        print(output)
    return 2 if failed else (1 if located else 0)


def _explain(code: str) -> int:
    code, rules = code.upper(), all_rules()
    page = rule_doc(code) if code in rules or code == "MSL000" else None
    if page is None and code not in rules:
        print("ms-lint: unknown rule %s (see --list-rules)" % code, file=sys.stderr)
        return 2
    print(page or "%s %s: %s" % (code, rules[code].name, rules[code].summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
