"""The flake8 plugin: entry point `MSL`; flake8 selects, ignores and honours `# noqa` itself."""
from __future__ import annotations

import ast
import os
from typing import Any, Iterator, List, Optional, Tuple

from ms_lint import __version__
from ms_lint.config import ConfigError, Settings, check_target_version
from ms_lint.engine import FileResult, decoded, lint_source, read_bytes
from ms_lint.rules import all_rules

INTERNAL_ERROR = "MSL000"


class Plugin:
    """Reports every ms-lint rule through flake8; opt-in rules are in flake8's default ignore."""

    name = "ms-lint"
    version = __version__
    settings = Settings(select=("MSL",))

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
        manager.extend_default_ignore([r.code for r in all_rules().values() if not r.default_enabled])

    @classmethod
    def parse_options(cls, options: Any) -> None:
        target = getattr(options, "ms_target_version", None) or None
        if target:
            try:
                check_target_version(target, "--ms-target-version")
            except ConfigError as error:
                raise SystemExit("flake8: %s" % error) from None
        cls.settings = Settings(select=("MSL",), target_version=target)

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        source = "".join(self.lines)
        result = _undecodable(self.filename, source) or lint_source(
            source, self.filename, self.settings, tree=self.tree, suppress=("pylint",)
        )
        if result.error:
            yield 1, 0, "%s ms-lint could not check this file: %s" % (INTERNAL_ERROR, result.error), type(self)
        for finding in result.findings:
            yield finding.line, finding.col, "%s %s" % (finding.code, finding.message), type(self)


def _undecodable(filename: str, source: str) -> Optional[FileResult]:
    """The CLI's "cannot read" for a file Python cannot decode, which flake8 reads as Latin-1 instead.
    Only non-ASCII text can come from that fallback, so only then is the file read again."""
    if source.isascii() or not os.path.isfile(filename):
        return None
    data, error = read_bytes(filename)
    if error:
        return None  # flake8 read it: lint what it read
    error = decoded(data)[1]
    return FileResult(filename, error=error) if error else None
