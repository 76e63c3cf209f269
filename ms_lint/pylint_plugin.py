"""The pylint plugin: `--load-plugins=ms_lint.pylint_plugin`, one checker per rule family."""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

from pylint.checkers import BaseChecker

from ms_lint.astroid_bridge import external_bases
from ms_lint.engine import FileResult, lint_bytes
from ms_lint.engine.settings import ConfigError, Settings, check_target_version
from ms_lint.model import Rule
from ms_lint.registry import INTERNAL_ERROR, failure_message, listed_rules, opt_in_named
from ms_lint.run.cache import keep_summaries_in_default_cache

_OPTIONS = (
    (
        "ms-target-version",
        {
            "default": "",
            "type": "string",
            "metavar": "<version>",
            "help": "MindSpore version the code targets (default: the installed one, else the newest known).",
        },
    ),
)
_last: Dict[str, Any] = {"node": None, "result": None}


def _result(checker: BaseChecker, node: Any) -> FileResult:
    """Lint a module once, however many family checkers ask for it."""
    if _last["node"] is not node:
        target = checker.linter.config.ms_target_version or None
        try:
            check_target_version(target, "--ms-target-version") if target else None
        except ConfigError as error:
            raise SystemExit("pylint: %s" % error) from None
        with node.stream() as stream:
            data = stream.read()
        keep_summaries_in_default_cache()
        named = opt_in_named(getattr(checker.linter, "ms_lint_named", ()))
        settings = Settings(select=("MSL", *named), target_version=target)
        result = lint_bytes(data, node.file or "<string>", settings, suppress=("noqa", "file-noqa"), external_bases=external_bases(node))
        _last["node"], _last["result"] = node, result
    return _last["result"]


def _checker_class(family: int, rules: List[Rule], first: bool) -> type:
    msgs: Dict[str, Tuple] = {
        r.pylint_msgid: ("%s", r.symbol, r.summary + ".", {"default_enabled": r.default_enabled, "scope": "line-based"})
        for r in rules
    }
    reports_failures = INTERNAL_ERROR in rules

    def visit_module(self: BaseChecker, node: Any) -> None:
        result = _result(self, node)
        if reports_failures and result.error:
            self.add_message(INTERNAL_ERROR.pylint_msgid, line=1, args=failure_message(result.error))
        for finding in result.findings:
            if finding.rule.pylint_checker == family:
                self.add_message(
                    finding.rule.pylint_msgid,
                    line=finding.line,
                    col_offset=finding.col,
                    end_lineno=finding.end_line,
                    end_col_offset=finding.end_col,
                    args=finding.message,
                )

    namespace = {"name": "ms-lint-%sxx" % family, "msgs": msgs, "options": _OPTIONS if first else (), "visit_module": visit_module}
    return type("MsLint%sxxChecker" % family, (BaseChecker,), namespace)


def _record_named(linter: Any) -> None:
    """Remember what --enable names one by one: an opt-in rule runs only when named by its symbol or id,
    not through `all`, a category or a checker name (which pylint expands to every message)."""
    linter.ms_lint_named = set()
    enable = linter.enable

    def enable_and_record(msgid: str, scope: str = "package", line: Any = None, ignore_unknown: bool = False) -> None:
        if scope == "package":
            linter.ms_lint_named.add(msgid)
        enable(msgid, scope, line, ignore_unknown)

    linter.enable = enable_and_record


def register(linter: Any) -> None:
    """Register one checker per family (pylint wants one checker id per checker); the first also reports MSL000."""
    _record_named(linter)
    families: Dict[int, List[Rule]] = {}
    for rule in listed_rules().values():
        families.setdefault(rule.pylint_checker, []).append(rule)
    for index, (family, rules) in enumerate(sorted(families.items())):
        linter.register_checker(_checker_class(family, rules, index == 0)(linter))
