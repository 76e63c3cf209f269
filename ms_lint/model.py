"""The data every layer shares: rules, findings, fixes and edits. Imports nothing of ms_lint."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional, Tuple

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
