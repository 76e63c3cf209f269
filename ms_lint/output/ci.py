"""The formats CI systems read: GitHub Actions and Azure Pipelines log commands, GitLab Code Quality,
JUnit XML. Each also reports the files that could not be checked."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Dict, List, Tuple

from ms_lint.model import ERROR
from ms_lint.output.report import Report, fingerprints, relative_path
from ms_lint.registry import INTERNAL_ERROR, failure_message


def github(report: Report) -> str:
    """`::error file=...,line=...::message` lines, which Actions turns into annotations on the diff."""
    lines = ["::error file=%s,title=ms-lint::%s" % (_github_escape(path, True), _github_escape(why, False)) for path, why in report.failures]
    for path, f in report.located:
        properties = (
            ("file", path), ("line", f.line), ("col", f.col + 1), ("endLine", f.end_line),
            ("endColumn", f.end_col + 1), ("title", f.code),
        )
        fields = ",".join("%s=%s" % (key, _github_escape(str(value), True)) for key, value in properties)
        lines.append("::error %s::%s" % (fields, _github_escape(f.message, False)))
    return "\n".join(lines)


def _github_escape(value: str, property_: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


def azure(report: Report) -> str:
    """Azure Pipelines `##vso[task.logissue type=error;sourcepath=...]message` logging commands."""
    rows: List[Tuple[Tuple[Tuple[str, object], ...], str]] = [
        ((("sourcepath", path), ("linenumber", 1), ("columnnumber", 1), ("code", INTERNAL_ERROR.code)), failure_message(why))
        for path, why in report.failures
    ]
    rows += [
        ((("sourcepath", path), ("linenumber", f.line), ("columnnumber", f.col + 1), ("code", f.code)), f.message)
        for path, f in report.located
    ]
    return "\n".join(
        "##vso[task.logissue type=error;%s]%s" % ("".join("%s=%s;" % (k, _azure_escape(str(v), True)) for k, v in props), _azure_escape(text, False))
        for props, text in rows
    )


def _azure_escape(value: str, property_: bool) -> str:
    """The escapes the Azure Pipelines agent undoes in a logging command."""
    value = value.replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(";", "%3B").replace("]", "%5D") if property_ else value


def gitlab(report: Report) -> str:
    """A GitLab Code Quality report: description, check_name, fingerprint, severity, location."""
    issues: List[Dict[str, object]] = []
    for (path, f), fingerprint in zip(report.located, fingerprints(report.located)):
        issues.append(_gitlab_issue(path, f.line, f.end_line, "%s %s" % (f.code, f.message), f.code, fingerprint,
                                    "major" if f.effective_severity == ERROR else "minor"))
    for path, why in report.failures:
        issues.append(_gitlab_issue(path, 1, 1, "%s %s" % (INTERNAL_ERROR.code, failure_message(why)), INTERNAL_ERROR.code,
                                    "%s:%s" % (INTERNAL_ERROR.code, relative_path(path) or path), "blocker"))
    return json.dumps(issues, indent=2)


def _gitlab_issue(path: str, begin: int, end: int, description: str, check: str, fingerprint: str, severity: str) -> Dict[str, object]:
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": relative_path(path) or path, "lines": {"begin": begin, "end": end}},
    }


def junit(report: Report) -> str:
    """JUnit XML: a test suite per file, a failed test case per finding, an errored one per file not checked."""
    total = len(report.located) + len(report.failures)
    root = ET.Element("testsuites", name="ms-lint", tests=str(max(total, 1)), failures=str(len(report.located)), errors=str(len(report.failures)))
    suites: Dict[str, ET.Element] = {}

    def suite(path: str) -> ET.Element:
        if path not in suites:
            suites[path] = ET.SubElement(root, "testsuite", name=path, tests="0", failures="0", errors="0", skipped="0")
        return suites[path]

    for path, why in report.failures:
        case = _case(suite(path), path, INTERNAL_ERROR.code, 1, 1)
        ET.SubElement(case, "error", message=failure_message(why), type=INTERNAL_ERROR.code).text = failure_message(why)
        suites[path].set("errors", str(int(suites[path].get("errors", "0")) + 1))
    for path, f in report.located:
        case = _case(suite(path), path, f.code, f.line, f.col + 1)
        text = "line %d, col %d, %s" % (f.line, f.col + 1, f.message)
        ET.SubElement(case, "failure", message=f.message, type=f.code).text = text
        suites[path].set("failures", str(int(suites[path].get("failures", "0")) + 1))
    if not total:
        ET.SubElement(ET.SubElement(root, "testsuite", name="ms-lint", tests="1", failures="0", errors="0", skipped="0"),
                      "testcase", name="No findings", classname="ms-lint")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _case(suite: ET.Element, path: str, code: str, line: int, column: int) -> ET.Element:
    suite.set("tests", str(int(suite.get("tests", "0")) + 1))
    return ET.SubElement(suite, "testcase", name="%s:%d:%d %s" % (path, line, column, code), classname=path, file=path, line=str(line))
