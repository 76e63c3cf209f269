"""The flake8 plugin: entry point `MSL`; flake8 selects, ignores and honours `# noqa` itself."""
from __future__ import annotations

import ast
from typing import Any, Iterator, List, Tuple

from ms_lint import __version__
from ms_lint.config import ConfigError, Settings, check_codes, check_target_version
from ms_lint.engine import lint_source
from ms_lint.rules import opt_in_named

INTERNAL_ERROR = "MSL000"


class Plugin:
    """Reports ms-lint's rules through flake8; an opt-in rule only when --select/--extend-select names its full code."""

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

    @classmethod
    def parse_options(cls, options: Any) -> None:
        target = getattr(options, "ms_target_version", None) or None
        chosen = [c.strip().upper() for flag in ("select", "extend_select") for c in getattr(options, flag, None) or ()]
        try:
            if target:
                check_target_version(target, "--ms-target-version")
            check_codes([c for c in chosen if c.startswith("MSL")], "--select/--extend-select")
        except ConfigError as error:
            raise SystemExit("flake8: %s" % error) from None
        cls.settings = Settings(select=("MSL", *opt_in_named(chosen)), target_version=target)

    def run(self) -> Iterator[Tuple[int, int, str, type]]:
        source = "".join(self.lines)
        result = lint_source(source, self.filename, self.settings, tree=self.tree, suppress=("pylint",))
        if result.error:
            yield 1, 0, "%s ms-lint could not check this file: %s" % (INTERNAL_ERROR, result.error), type(self)
        for finding in result.findings:
            yield finding.line, finding.col, "%s %s" % (finding.code, finding.message), type(self)
