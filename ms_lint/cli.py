"""The `ms-lint` command: exit 0 clean, 1 findings, 2 usage or internal error."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import NoReturn, Optional, Sequence

from ms_lint import __version__
from ms_lint.output import FORMATS, LIST_FORMATS, explain, list_rules
from ms_lint.run.cache import CACHE_DIR_ENV
from ms_lint.run.command import run


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """A usage error is one line and exit 2."""
        self.exit(2, "ms-lint: %s (see --help)\n" % message)


def _jobs(value: str) -> int:
    if not value.lstrip("-").isdigit() or int(value) < 0:
        raise argparse.ArgumentTypeError("-j/--jobs: %r is not a number of processes (0: one per CPU)" % value)
    return int(value)


def parser() -> argparse.ArgumentParser:
    """The command line, its options grouped as `ms-lint --help` shows them."""
    p = _Parser(prog="ms-lint", description="Find MindSpore traps in Python code, above all in code ported from PyTorch.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to check (default: .; -: read stdin)")

    rules = p.add_argument_group("rule selection")
    rules.add_argument("--select", metavar="CODES", help="comma-separated codes or prefixes to report, instead of the defaults")
    rules.add_argument("--extend-select", metavar="CODES", help="codes or prefixes to report in addition (opt-in rules by full code)")
    rules.add_argument("--ignore", metavar="CODES", help="codes or prefixes not to report")
    rules.add_argument("--target-version", metavar="VERSION", help="MindSpore version the code targets, e.g. 2.3")

    fixes = p.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes in place (stdin: print the fixed source), then report what is left")
    fixes.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: apply unsafe fixes too")
    fixes.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing")
    fixes.add_argument("--show-fixes", action="store_true", help="list the fixes applied (with --fix) or available, on stderr")

    output = p.add_argument_group("output")
    output.add_argument("--format", "--output-format", dest="format", choices=sorted(FORMATS), default="text",
                        help="output format (default: text, which is concise)")
    output.add_argument("--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    output.add_argument("--statistics", action="store_true", help="print how many findings each code has instead of the findings")
    output.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    output.add_argument("-v", "--verbose", action="store_true",
                        help="also say on stderr where an analysis stopped at its work budget and which modules had no source (rules stay silent there)")

    files = p.add_argument_group("files, configuration and processes")
    files.add_argument("--config", metavar="FILE", help="read settings from this file instead of searching for one")
    files.add_argument("--isolated", action="store_true", help="ignore every config file")
    files.add_argument("--stdin-filename", metavar="PATH", help="the path of the source read from stdin, for config, per-file-ignores and output")
    files.add_argument("--no-respect-gitignore", action="store_true", help="check files that .gitignore lists too")
    files.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N", help="check files in N processes (0: one per CPU; default: 1)")
    files.add_argument("--no-cache", action="store_true", help="do not read or write the result cache (%s overrides its directory)" % CACHE_DIR_ENV)

    info = p.add_argument_group("information")
    info.add_argument("--list-rules", action="store_true", help="list the rules and exit")
    info.add_argument("--explain", metavar="CODE", help="print a rule's documentation (by code or name) and exit")
    info.add_argument("--version", action="version", version="ms-lint " + __version__)
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
    try:
        args = parser().parse_args(argv)
        if args.verbose:
            _verbose()
        if args.list_rules:
            code = _list_rules(args.format)
        else:
            code = _explain(args.explain) if args.explain else run(args)
        sys.stdout.flush()  # here, so that a reader gone early is caught below and not at exit
        return code
    except BrokenPipeError:  # `ms-lint . | head -1`: the reader has gone, so stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _verbose() -> None:
    """Print ms-lint's own notes (the `ms_lint` logger) on stderr, one line each."""
    log = logging.getLogger("ms_lint")
    log.handlers = [logging.StreamHandler(sys.stderr)]
    log.setLevel(logging.INFO)


def _list_rules(fmt: str) -> int:
    if fmt not in LIST_FORMATS:
        print("ms-lint: --list-rules prints %s, not %s" % (", ".join(LIST_FORMATS), fmt), file=sys.stderr)
        return 2
    print(list_rules(fmt))
    return 0


def _explain(code_or_name: str) -> int:
    page = explain(code_or_name)
    if page is None:
        print("ms-lint: unknown rule code or name %s (see --list-rules)" % code_or_name, file=sys.stderr)
        return 2
    print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
