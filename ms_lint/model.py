"""The data every layer shares: rules, findings, fixes and edits. Imports nothing of ms_lint."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Tuple

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """A stable code, its name, what it reports and how it is fixed."""

    code: str
    name: str
    summary: str
    severity: str = WARNING
    default_enabled: bool = True
    fix: Optional[str] = None

    @property
    def symbol(self) -> str:
        """The pylint message symbol."""
        return "ms-" + self.name

    @property
    def pylint_msgid(self) -> str:
        """The pylint message id: family N of MSLNxx maps to checker id 5N."""
        letter = "E" if self.severity == ERROR else "W"
        return "%s5%s%s" % (letter, self.code[3], self.code[4:6])


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
