"""Output formats: one function per format, each from findings (with their paths) to text."""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ms_lint.findings import Finding, Fix

Located = Tuple[str, Finding]  # (display path, finding)


def fix_json(fix: Optional[Fix]) -> Optional[Dict[str, Any]]:
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


def finding_json(path: str, finding: Finding) -> Dict[str, Any]:
    return {
        "code": finding.code,
        "name": finding.rule.name,
        "path": path,
        "line": finding.line,
        "column": finding.col + 1,
        "end_line": finding.end_line,
        "end_column": finding.end_col + 1,
        "message": finding.message,
        "severity": finding.effective_severity,
        "fix": fix_json(finding.fix),
    }


def text(located: Sequence[Located]) -> str:
    lines = ["%s:%d:%d: %s %s" % (p, f.line, f.col + 1, f.code, f.message) for p, f in located]
    if located:
        fixable = sum(1 for _, f in located if f.fix and f.fix.applicability == "safe")
        unsafe = sum(1 for _, f in located if f.fix and f.fix.applicability == "unsafe")
        lines.append("Found %d finding%s." % (len(located), "" if len(located) == 1 else "s"))
        if fixable:
            lines.append("%d fixable with `--fix`." % fixable)
        if unsafe:
            lines.append("%d more fixable with `--fix --unsafe-fixes`." % unsafe)
    return "\n".join(lines)


def json_list(located: Sequence[Located]) -> str:
    return json.dumps([finding_json(p, f) for p, f in located], indent=2)


FORMATS = {"text": text, "json": json_list}


def render(name: str, located: List[Located]) -> str:
    return FORMATS[name](located)
