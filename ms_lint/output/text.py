"""The formats people read: concise (the default), full, grouped, pylint; statistics; the fix listing."""
from __future__ import annotations

import json
from collections import Counter
from typing import Dict, List, Optional, Sequence

from ms_lint.fixes import line_starts
from ms_lint.model import Finding
from ms_lint.output.report import Report
from ms_lint.registry import all_rules


def concise(report: Report) -> str:
    """flake8-style lines `path:line:col: CODE [*] message`, then the summary."""
    lines = ["%s:%d:%d: %s" % (path, f.line, f.col + 1, _headline(report, f)) for path, f in report.located]
    return "\n".join(lines + summary(report))


def full(report: Report) -> str:
    """Each finding with its source line, a caret under its range and the fix's title, as ruff's full output."""
    sources: Dict[str, List[str]] = {}
    blocks = []
    for path, f in report.located:
        if path not in sources:
            text = report.source(path)
            starts = line_starts(text)
            sources[path] = [text[a:b].rstrip("\r\n") for a, b in zip(starts, starts[1:])]
        blocks.append("\n".join(_snippet(path, f, sources[path], report)))
    return "\n\n".join(blocks + ["\n".join(summary(report))] if report.located else [])


def _snippet(path: str, f: Finding, lines: Sequence[str], report: Report) -> List[str]:
    out = ["%s:%d:%d: %s" % (path, f.line, f.col + 1, _headline(report, f))]
    if 1 <= f.line <= len(lines):
        source = lines[f.line - 1]
        end = f.end_col if f.end_line == f.line else len(source)
        gutter = " " * len(str(f.line))
        out += [
            "%s |" % gutter,
            "%d | %s" % (f.line, source),
            "%s | %s%s %s" % (gutter, " " * f.col, "^" * max(1, end - f.col), f.code),
            "%s |" % gutter,
        ]
        if f.fix:
            out.append("%s = help: %s%s" % (gutter, f.fix.message, "" if f.fix.applicability == "safe" else " (unsafe)"))
    return out


def grouped(report: Report) -> str:
    """Findings under their file's name, `  line:col CODE [*] message`, as ruff's grouped output."""
    by_path: Dict[str, List[Finding]] = {}
    for path, f in report.located:
        by_path.setdefault(path, []).append(f)
    blocks = []
    for path, findings in by_path.items():
        width = max(len("%d:%d" % (f.line, f.col + 1)) for f in findings)
        rows = ["  %-*s %s" % (width, "%d:%d" % (f.line, f.col + 1), _headline(report, f)) for f in findings]
        blocks.append("\n".join(["%s:" % path] + rows))
    return "\n\n".join(blocks + ["\n".join(summary(report))] if report.located else [])


def pylint(report: Report) -> str:
    """pylint's parseable layout, `path:line: [CODE] message`."""
    return "\n".join("%s:%d: [%s] %s" % (path, f.line, f.code, f.message) for path, f in report.located)


def _headline(report: Report, f: Finding) -> str:
    return "%s %s%s" % (f.code, "[*] " if report.applicable(f) else "", f.message)


def summary(report: Report) -> List[str]:
    """`Found N findings.` and what `--fix` would repair, in ruff's words."""
    if not report.located:
        return []
    n = len(report.located)
    lines = ["Found %d finding%s." % (n, "" if n == 1 else "s")]
    applicable = sum(1 for _, f in report.located if report.applicable(f))
    hidden = sum(1 for _, f in report.located if report.hidden(f))
    note = " (%d hidden fix%s can be enabled with the `--unsafe-fixes` option)" % (hidden, "" if hidden == 1 else "es") if hidden else ""
    if applicable:
        lines.append("[*] %d fixable with the `--fix` option%s." % (applicable, note))
    elif hidden:
        lines.append("No fixes available%s." % note)
    return lines


def statistics(report: Report, as_json: bool) -> str:
    """`--statistics`: how many findings of each code, with its name and whether `--fix` repairs them."""
    counts = Counter(f.code for _, f in report.located)
    fixable = {f.code for _, f in report.located if report.applicable(f)}
    rules = all_rules()
    rows = [(code, rules[code].name, n, code in fixable) for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    if as_json:
        return json.dumps([{"code": c, "name": name, "count": n, "fixable": fix} for c, name, n, fix in rows], indent=2)
    width = max((len(str(n)) for _, _, n, _ in rows), default=1)
    marker = "    " if fixable else ""
    return "\n".join("%*d\t%s\t%s%s" % (width, n, c, "[*] " if fix else marker, name) for c, name, n, fix in rows)


def fixed_listing(before: Report, after: Report) -> str:
    """`--show-fixes` with `--fix`: per file, how many findings of each code the fixing removed, as ruff lists them."""
    left = Counter((path, f.code) for path, f in after.located)
    fixed = Counter((path, f.code) for path, f in before.located if before.applicable(f)) - left
    rules = all_rules()
    total = sum(fixed.values())
    lines = ["Fixed %d finding%s%s" % (total, "" if total == 1 else "s", ":" if total else ".")]
    for path in dict.fromkeys(path for path, _ in sorted(fixed)):
        lines.append("- %s:" % path)
        lines += ["    %d × %s (%s)" % (n, code, rules[code].name) for (p, code), n in sorted(fixed.items()) if p == path]
    return "\n".join(lines)


def available_fixes(report: Report) -> str:
    """`--show-fixes` without `--fix`: each fix `--fix` would apply, by finding, with its title."""
    rows = [(path, f) for path, f in report.located if report.applicable(f) and f.fix]
    lines = ["%d fix%s available with `--fix`%s" % (len(rows), "" if len(rows) == 1 else "es", ":" if rows else ".")]
    lines += ["- %s:%d:%d: %s %s" % (path, f.line, f.col + 1, f.code, f.fix.message) for path, f in rows if f.fix]
    return "\n".join(lines)


def fix_notes(before: Optional[Report], after: Optional[Report], diff: bool, fix: bool, unsafe: bool, show_fixes: bool) -> str:
    """The stderr lines about fixes: how many unsafe fixes `--diff` held back, and `--show-fixes`' listing."""
    lines = []
    held = sum(1 for _, f in before.located if before.hidden(f)) if before and diff and not unsafe else 0
    if held:
        lines.append("ms-lint: held back %d unsafe fix%s; --unsafe-fixes includes them" % (held, "" if held == 1 else "es"))
    if before and show_fixes:
        lines.append(fixed_listing(before, after) if fix and after else available_fixes(before))
    return "".join(line + "\n" for line in lines)
