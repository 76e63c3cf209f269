"""The registry: every checker and rule (the only importer of ms_lint.checkers), and rule selection."""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from ms_lint.checkers import CHECKERS
from ms_lint.model import ERROR, Rule

INTERNAL_ERROR = Rule(
    "MSL000", "internal-error", "ms-lint could not check a file (it cannot be read or parsed, or ms-lint failed on it); the run goes on",
    ERROR, internal=True,
)


def failure_message(why: str) -> str:
    """What every front-end reports under MSL000 for a file that could not be checked."""
    return "ms-lint could not check this file: %s" % why


def all_checkers() -> List[type]:
    """Every checker class, in code order."""
    return list(CHECKERS)


def all_rules() -> Dict[str, Rule]:
    """Every rule a checker reports (what selections choose from), by code, in code order."""
    rules = [rule for checker in all_checkers() for rule in checker.rules]
    return {rule.code: rule for rule in sorted(rules, key=lambda r: r.code)}


def listed_rules() -> Dict[str, Rule]:
    """Every rule by code, in code order: MSL000, then the checkers' rules."""
    return {INTERNAL_ERROR.code: INTERNAL_ERROR, **all_rules()}


def matches(code: str, prefixes: Iterable[str]) -> bool:
    """Whether `code` is selected by any of the code prefixes (`MSL`, `MSL1`, `MSL101`, `ALL`)."""
    return any(p == "ALL" or code.startswith(p) for p in prefixes)


def selects(rule: Rule, prefixes: Iterable[str]) -> bool:
    """Whether a selection list turns `rule` on: a prefix picks default-on rules, an opt-in rule needs its full code."""
    prefixes = list(prefixes)
    return rule.code in prefixes if not rule.default_enabled else matches(rule.code, prefixes)


def select_rules(
    select: Optional[Iterable[str]] = None,
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> List[Rule]:
    """The rules a selection enables, ruff-style: select replaces the default set; ignore wins."""
    rules = all_rules().values()
    chosen = [r for r in rules if (r.default_enabled if select is None else selects(r, select)) or selects(r, extend_select)]
    ignore = list(ignore)
    return [r for r in chosen if not matches(r.code, ignore)]


def known_selector(code: str) -> bool:
    """Whether a code or prefix names at least one rule (`ALL` and `MSL` name them all)."""
    return code == "ALL" or any(rule.startswith(code) for rule in all_rules())


def opt_in_named(names: Iterable[str]) -> Tuple[str, ...]:
    """The opt-in rules a host's selection names by their full code, pylint symbol or message id."""
    names = {n.strip() for n in names} | {n.strip().upper() for n in names}
    return tuple(r.code for r in all_rules().values() if not r.default_enabled and names & {r.code, r.symbol, r.pylint_msgid})
