"""Findings and fixes: the one data type every front-end prints."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional, Tuple

if TYPE_CHECKING:
    from ms_lint.rules import Rule

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

    rule: "Rule"
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
