"""The data every layer shares: rules, findings, fixes and edits, and a finding as JSON and back.
Imports nothing of ms_lint."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Tuple

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """A stable code, its name, what it reports and how it is fixed. `internal` marks MSL000, ms-lint's
    own failure on a file: no checker reports it and no selection turns it off."""

    code: str
    name: str
    summary: str
    severity: str = WARNING
    default_enabled: bool = True
    fix: Optional[str] = None
    internal: bool = False
    family: int = field(init=False, repr=False, compare=False)  # N of MSLNxx
    number: int = field(init=False, repr=False, compare=False)  # xx of MSLNxx

    def __post_init__(self) -> None:
        match = re.fullmatch(r"MSL([0-9])([0-9]{2})", self.code)
        if match is None:
            raise ValueError("a rule code is MSL and three digits, not %r" % self.code)
        object.__setattr__(self, "family", int(match.group(1)))
        object.__setattr__(self, "number", int(match.group(2)))

    @property
    def symbol(self) -> str:
        """The pylint message symbol."""
        return "ms-" + self.name

    @property
    def pylint_checker(self) -> int:
        """The family whose pylint checker reports the rule: its own; MSL000's is the first family's."""
        return self.family or 1

    @property
    def pylint_msgid(self) -> str:
        """The pylint message id: F (MSL000), E or W, checker id 5N of the rule's checker, the number in the family."""
        letter = "F" if self.internal else "E" if self.severity == ERROR else "W"
        return "%s5%d%02d" % (letter, self.pylint_checker, self.number)


SAFE = "safe"
UNSAFE = "unsafe"


@dataclass(frozen=True)
class Edit:
    """Replace the text between two positions (1-based line, 0-based character column)."""

    line: int
    col: int
    end_line: int
    end_col: int
    content: str


@dataclass(frozen=True)
class Fix:
    """A set of edits that repairs one finding, with how safe applying it is."""

    message: str
    edits: Tuple[Edit, ...]
    applicability: str = SAFE


@dataclass(frozen=True)
class Finding:
    """One rule violation at an exact span (1-based lines, 0-based character columns)."""

    rule: Rule
    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    fix: Optional[Fix] = None
    severity: str = field(default="")

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def effective_severity(self) -> str:
        return self.severity or self.rule.severity


def fix_to_json(fix: Optional[Fix]) -> Optional[Dict[str, Any]]:
    """A fix as JSON (1-based columns), null for none."""
    if fix is None:
        return None
    return {
        "applicability": fix.applicability,
        "message": fix.message,
        "edits": [
            {"line": e.line, "column": e.col + 1, "end_line": e.end_line, "end_column": e.end_col + 1, "content": e.content}
            for e in fix.edits
        ],
    }


def finding_to_json(finding: Finding) -> Dict[str, Any]:
    """A finding as JSON (1-based columns; the severity the finding sets, "" for its rule's)."""
    return {
        "code": finding.code,
        "line": finding.line,
        "column": finding.col + 1,
        "end_line": finding.end_line,
        "end_column": finding.end_col + 1,
        "message": finding.message,
        "severity": finding.severity,
        "fix": fix_to_json(finding.fix),
    }


def finding_from_json(data: Any, rules: Mapping[str, Rule]) -> Finding:
    """The finding `finding_to_json` wrote, its rule looked up by code in `rules`; ValueError where
    `data` is not one: a key missing or extra, a value of another type, an unknown code."""
    item = _object(data, ("code", "line", "column", "end_line", "end_column", "message", "severity", "fix"))
    code = _typed(item["code"], str)
    if code not in rules:
        raise ValueError("unknown code %r" % code)
    fix = None if item["fix"] is None else _fix_from_json(item["fix"])
    return Finding(rules[code], *_span(item), _typed(item["message"], str), fix, _typed(item["severity"], str))


def _fix_from_json(data: Any) -> Fix:
    item = _object(data, ("applicability", "message", "edits"))
    edits = []
    if type(item["edits"]) is not list:
        raise ValueError("edits is not a list")
    for edit in item["edits"]:
        fields = _object(edit, ("line", "column", "end_line", "end_column", "content"))
        edits.append(Edit(*_span(fields), _typed(fields["content"], str)))
    return Fix(_typed(item["message"], str), tuple(edits), _typed(item["applicability"], str))


def _span(item: Dict[str, Any]) -> Tuple[int, int, int, int]:
    """(line, col, end_line, end_col) from 1-based JSON columns."""
    line, column, end_line, end_column = (_typed(item[key], int) for key in ("line", "column", "end_line", "end_column"))
    return line, column - 1, end_line, end_column - 1


def _object(data: Any, keys: Tuple[str, ...]) -> Dict[str, Any]:
    if type(data) is not dict or sorted(data) != sorted(keys):
        raise ValueError("not an object with the keys %s" % ", ".join(keys))
    return data


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:  # exactly: a bool is no int here
        raise ValueError("a %s where a %s belongs" % (type(value).__name__, kind.__name__))
    return value
