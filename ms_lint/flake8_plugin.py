"""The flake8 plugin: entry point `MSL`; flake8 selects, ignores and honours `# noqa` itself, the
plugin adds `# ms-lint: noqa` and pylint's pragmas.

Starting flake8 imports only this module: the engine and the rules load on the first file that
mentions MindSpore (flake8 runs the plugin on every file, and editors start flake8 per file)."""
from __future__ import annotations

import ast
import os
from typing import Any, Iterator, List, Optional, Tuple

from ms_lint import __version__

# The opt-in rules (`default_enabled=False`), reported only where --select/--extend-select names
# them by full code; tests/test_rule_registry.py checks this list against the registry, which
# flake8's start does not import.
OPT_IN_CODES = ("MSL123", "MSL124", "MSL125", "MSL127", "MSL206", "MSL224", "MSL242", "MSL406")


class Plugin:
    """Reports ms-lint's rules through flake8; an opt-in rule only when --select/--extend-select names its full code."""

    name = "ms-lint"
    version = __version__
    target_version: Optional[str] = None
    opt_in: Tuple[str, ...] = ()
    suppress: Tuple[str, ...] = ("file-noqa", "pylint")

    def __init__(self, tree: ast.Module, filename: str, lines: List[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines

    @classmethod
    def add_options(cls, manager: Any) -> None:
        manager.add_option(
            "--ms-target-version",
            parse_from_config=True,
            metavar="VERSION",
            help="MindSpore version the code targets (default: the installed one, else the newest known)",
        )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        target = getattr(options, "ms_target_version", None) or None
        named = [c.strip().upper() for flag in ("select", "extend_select") for c in getattr(options, flag, None) or ()]
        named = [c for c in named if c.startswith("MSL")]
        if target or named:
            from ms_lint.engine.settings import ConfigError, check_codes, check_target_version

            try:
                if target:
                    check_target_version(target, "--ms-target-version")
                check_codes(named, "--select/--extend-select", host_filters=True)
            except ConfigError as error:
                raise SystemExit("flake8: %s" % error) from None
        cls.target_version = target
        cls.opt_in = tuple(code for code in OPT_IN_CODES if code in named)
        cls.suppress = ("pylint",) if getattr(options, "disable_noqa", False) else ("file-noqa", "pylint")

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        from ms_lint.facts import load_facts

        source = "".join(self.lines)
        if not any(root in source for root in load_facts().roots):
            return  # no MindSpore in the file: nothing to check, and the engine stays unloaded
        from ms_lint.engine import lint_source
        from ms_lint.engine.settings import Settings
        from ms_lint.registry import INTERNAL_ERROR, failure_message
        from ms_lint.run.cache import keep_summaries_in_default_cache

        keep_summaries_in_default_cache()
        settings = Settings(select=("MSL", *self.opt_in), target_version=self.target_version)
        result = _undecodable(self.filename, source) or lint_source(source, self.filename, settings, tree=self.tree, suppress=self.suppress)
        if result.error:
            yield 1, 0, "%s %s" % (INTERNAL_ERROR.code, failure_message(result.error)), type(self)
        for finding in result.findings:
            yield finding.line, finding.col, "%s %s" % (finding.code, finding.message), type(self)


def _undecodable(filename: str, source: str) -> Optional[Any]:
    """The CLI's "cannot read" (a FileResult) for a file Python cannot decode, which flake8 reads as
    Latin-1 instead. Only non-ASCII text can come from that fallback, so only then is the file read again."""
    if source.isascii() or not os.path.isfile(filename):
        return None
    from ms_lint.engine import FileResult
    from ms_lint.files import decoded, read_bytes

    data, error = read_bytes(filename)
    if error:
        return None  # flake8 read it: lint what it read
    _, error = decoded(data)
    return FileResult(filename, error=error) if error else None
