"""The output formats a ruff user expects and the flags around them, through the real command;
each machine format read back by its consumer's parser or documented fields."""
from __future__ import annotations

import json
import re

import pytest
from test_formats import validate

from ms_lint.cli import main
from ms_lint.output import FORMATS, LIST_FORMATS
from ms_lint.registry import all_rules, listed_rules

SOURCE = (
    "import mindspore.nn as nn\n"
    "drop = nn.Dropout(0.1)\n"  # MSL101, unsafe fix
    "dense = nn.Dense(3, 3, bias=False)\n"  # MSL112, safe fix
)
BROKEN = "import mindspore.nn as nn\ndef f(:\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(SOURCE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args):
    code = main(["--isolated", "--target-version", "2.3", *args])
    out, err = capsys.readouterr()
    return code, out, err


def with_broken_file(project):
    (project / "pkg" / "broken.py").write_text(BROKEN)


def test_output_format_is_an_alias_of_format_and_text_is_concise(project, capsys):
    outputs = {tuple(flags): run(capsys, *flags, "pkg") for flags in (["--format", "text"], ["--output-format", "concise"], [])}
    assert len(set(outputs.values())) == 1
    code, out, _ = outputs[()]
    assert code == 1
    assert out.splitlines() == [
        "pkg/model.py:2:8: MSL101 nn.Dropout reads its first argument as keep_prob, so `0.1` keeps that share of the activations "
        "and drops the rest; to drop `0.1` as torch.nn.Dropout does, write `p=0.1`",
        "pkg/model.py:3:24: MSL112 [*] nn.Dense does not accept `bias=` and raises at construction; write `has_bias=False`",
        "Found 2 findings.",
        "[*] 1 fixable with the `--fix` option (1 hidden fix can be enabled with the `--unsafe-fixes` option).",
    ]


def test_fixable_marks_follow_unsafe_fixes_only_when_fixing(project, capsys):
    (project / "pkg" / "model.py").write_text(SOURCE.replace("bias=False", "has_bias=False"))
    _, out, err = run(capsys, "--unsafe-fixes", "pkg")
    assert "[*]" not in out and out.splitlines()[-1] == "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option)."
    assert err == "ms-lint: --unsafe-fixes does nothing without --fix or --diff\n"


def test_full_quotes_the_line_with_a_caret_under_the_range_and_the_fix(project, capsys):
    code, out, _ = run(capsys, "--format", "full", "pkg")
    assert code == 1
    block = out.split("\n\n")[1].splitlines()
    assert block == [
        "pkg/model.py:3:24: MSL112 [*] nn.Dense does not accept `bias=` and raises at construction; write `has_bias=False`",
        "  |",
        "3 | dense = nn.Dense(3, 3, bias=False)",
        "  |                        ^^^^^^^^^^ MSL112",
        "  |",
        "  = help: write `has_bias=False`",
    ]
    assert out.split("\n\n")[0].splitlines()[-1] == "  = help: Use `p=0.1` (unsafe)"
    assert out.rstrip().endswith("(1 hidden fix can be enabled with the `--unsafe-fixes` option).")


def test_grouped_lists_findings_under_their_file(project, capsys):
    (project / "pkg" / "other.py").write_text(SOURCE)
    _, out, _ = run(capsys, "--format", "grouped", "pkg")
    blocks = out.split("\n\n")
    assert [b.splitlines()[0] for b in blocks[:2]] == ["pkg/model.py:", "pkg/other.py:"]
    assert [row.split()[:3] for row in blocks[0].splitlines()[1:]] == [["2:8", "MSL101", "nn.Dropout"], ["3:24", "MSL112", "[*]"]]
    assert blocks[2].startswith("Found 4 findings.")


def test_pylint_format_is_pylints_parseable_layout(project, capsys):
    _, out, _ = run(capsys, "--format", "pylint", "pkg")
    parsed = [re.fullmatch(r"(?P<path>[^:]+):(?P<line>\d+): \[(?P<code>[A-Z0-9]+)\] (?P<message>.+)", line) for line in out.splitlines()]
    assert [(m["path"], m["line"], m["code"]) for m in parsed] == [("pkg/model.py", "2", "MSL101"), ("pkg/model.py", "3", "MSL112")]


def test_json_lines_holds_the_json_objects_one_per_line(project, capsys):
    with_broken_file(project)
    listed = json.loads(run(capsys, "--format", "json", "pkg")[1])
    code, out, err = run(capsys, "--format", "json-lines", "pkg")
    assert code == 2 and "pkg/broken.py: syntax error" in err
    assert [json.loads(line) for line in out.splitlines()] == listed


def test_json_reports_a_file_not_checked_as_an_msl000_entry_of_the_same_shape(project, capsys):
    with_broken_file(project)
    code, out, err = run(capsys, "--format", "json", "pkg")
    items = json.loads(out)
    assert code == 2
    assert [i["code"] for i in items] == ["MSL101", "MSL112", "MSL000"]
    entry = items[-1]
    assert set(entry) == set(items[0])
    shown = (entry["path"], entry["name"], entry["line"], entry["column"], entry["severity"], entry["fix"])
    assert shown == ("pkg/broken.py", "internal-error", 1, 1, "error", None)
    assert entry["message"] == "ms-lint could not check this file: " + err.strip().split(": ", 1)[1]


def test_rdjson_reports_a_file_not_checked_and_stays_valid(project, capsys):
    with_broken_file(project)
    code, out, _ = run(capsys, "--format", "rdjson", "pkg")
    result = json.loads(out)
    validate(result, "rdjson/DiagnosticResult.json")
    assert code == 2
    broken = result["diagnostics"][-1]
    assert (broken["location"], broken["code"]["value"], broken["severity"]) == ({"path": "pkg/broken.py"}, "MSL000", "ERROR")


def test_junit_is_read_by_a_junit_parser(project, capsys):
    junitparser = pytest.importorskip("junitparser")
    with_broken_file(project)
    code, out, _ = run(capsys, "--format", "junit", "pkg")
    assert code == 2
    (project / "report.xml").write_text(out, encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(project / "report.xml"))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"pkg/model.py", "pkg/broken.py"}
    assert (suites["pkg/model.py"].tests, suites["pkg/model.py"].failures, suites["pkg/broken.py"].errors) == (2, 2, 1)
    cases = [case for case in suites["pkg/model.py"]]
    [failure] = cases[1].result
    assert isinstance(failure, junitparser.Failure) and failure.type == "MSL112" and "has_bias=False" in failure.message
    [error] = [case for case in suites["pkg/broken.py"]][0].result
    assert isinstance(error, junitparser.Error) and error.message.startswith("ms-lint could not check this file: syntax error")


def test_junit_of_a_clean_run_is_one_passing_case(project, capsys):
    junitparser = pytest.importorskip("junitparser")
    (project / "pkg" / "model.py").write_text("import mindspore\n")
    code, out, _ = run(capsys, "--format", "junit", "pkg")
    (project / "report.xml").write_text(out, encoding="utf-8")
    [suite] = list(junitparser.JUnitXml.fromfile(str(project / "report.xml")))
    assert code == 0 and (suite.tests, suite.failures, suite.errors) == (1, 0, 0)


def test_gitlab_code_quality_has_gitlabs_documented_fields(project, capsys):
    with_broken_file(project)
    code, out, _ = run(capsys, "--format", "gitlab", "pkg")
    issues = json.loads(out)
    assert code == 2 and isinstance(issues, list) and len(issues) == 3
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str) and not issue["location"]["path"].startswith("/")
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == 3
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("MSL101", "pkg/model.py", 2), ("MSL112", "pkg/model.py", 3), ("MSL000", "pkg/broken.py", 1),
    ]
    assert issues[2]["severity"] == "blocker"


def test_azure_logging_commands(project, capsys):
    with_broken_file(project)
    code, out, _ = run(capsys, "--format", "azure", "pkg")
    lines = out.splitlines()
    assert code == 2
    assert lines[0].startswith("##vso[task.logissue type=error;sourcepath=pkg/broken.py;linenumber=1;columnnumber=1;code=MSL000;]ms-lint could not check")
    assert lines[2] == "##vso[task.logissue type=error;sourcepath=pkg/model.py;linenumber=3;columnnumber=24;code=MSL112;]" + (
        "nn.Dense does not accept `bias=` and raises at construction; write `has_bias=False`")


def test_azure_escapes_logging_command_syntax(tmp_path, capsys, monkeypatch):
    (tmp_path / "a;b]%.py").write_text(SOURCE)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "--format", "azure", "a;b]%.py")
    assert out.startswith("##vso[task.logissue type=error;sourcepath=a%3Bb%5D%AZP25.py;linenumber=2;")


def test_output_file_takes_the_report_and_stdout_stays_empty(project, capsys):
    code, out, err = run(capsys, "--format", "json", "--output-file", "reports/ms-lint.json", "pkg")
    assert (code, out, err) == (1, "", "")
    assert [i["code"] for i in json.loads((project / "reports" / "ms-lint.json").read_text())] == ["MSL101", "MSL112"]
    (project / "reports" / "dir").mkdir()
    code, out, err = run(capsys, "--output-file", "reports/dir", "pkg")
    assert code == 2 and err.startswith("ms-lint: reports/dir: cannot write:") and err.count("\n") == 1


def test_statistics_count_each_code_with_its_name(project, capsys):
    (project / "pkg" / "other.py").write_text(SOURCE.replace("dense", "#"))
    code, out, _ = run(capsys, "--statistics", "pkg")
    assert code == 1
    assert [line.split("\t") for line in out.splitlines()] == [["2", "MSL101", "    dropout-keep-prob"], ["1", "MSL112", "[*] torch-only-keyword"]]
    code, out, _ = run(capsys, "--statistics", "--format", "json", "pkg")
    assert json.loads(out) == [
        {"code": "MSL101", "name": "dropout-keep-prob", "count": 2, "fixable": False},
        {"code": "MSL112", "name": "torch-only-keyword", "count": 1, "fixable": True},
    ]


def test_show_fixes_lists_the_available_and_the_applied_fixes(project, capsys):
    code, out, err = run(capsys, "--show-fixes", "pkg")
    assert code == 1 and err.splitlines() == ["1 fix available with `--fix`:", "- pkg/model.py:3:24: MSL112 write `has_bias=False`"]
    code, out, err = run(capsys, "--fix", "--unsafe-fixes", "--show-fixes", "pkg")
    assert code == 0 and out == ""
    assert err.splitlines() == [
        "ms-lint: fixed 2 findings in 1 file",
        "Fixed 2 findings:",
        "- pkg/model.py:",
        "    1 × MSL101 (dropout-keep-prob)",
        "    1 × MSL112 (torch-only-keyword)",
    ]


def test_diff_says_how_many_unsafe_fixes_it_held_back(project, capsys):
    code, out, err = run(capsys, "--diff", "pkg")
    assert code == 1 and "+dense = nn.Dense(3, 3, has_bias=False)" in out and "p=0.1" not in out
    assert err.splitlines() == ["ms-lint: would fix 1 finding in 1 file", "ms-lint: held back 1 unsafe fix; --unsafe-fixes includes them"]
    code, out, err = run(capsys, "--diff", "--unsafe-fixes", "pkg")
    assert "p=0.1" in out and err == "ms-lint: would fix 2 findings in 1 file\n"


@pytest.mark.parametrize("given", ["dropout-keep-prob", "ms-dropout-keep-prob", "Dropout-Keep-Prob", "msl101"])
def test_explain_takes_a_rule_name(capsys, given):
    assert main(["--explain", given]) == 0
    assert capsys.readouterr().out.startswith("# MSL101 dropout-keep-prob")


def test_explain_an_unknown_name_is_one_line(capsys):
    assert main(["--explain", "dropout-keep"]) == 2
    assert capsys.readouterr().err == "ms-lint: unknown rule code or name dropout-keep (see --list-rules)\n"


def test_list_rules_as_a_sarif_run_with_rules_and_no_results(capsys):
    assert main(["--list-rules", "--format", "sarif"]) == 0
    log = json.loads(capsys.readouterr().out)
    validate(log, "sarif-schema-2.1.0.json")
    [run_] = log["runs"]
    assert run_["results"] == [] and [r["id"] for r in run_["tool"]["driver"]["rules"]] == sorted(all_rules())


def test_list_rules_as_json_lines(capsys):
    assert main(["--list-rules", "--format", "json-lines"]) == 0
    assert [json.loads(line)["code"] for line in capsys.readouterr().out.splitlines()] == sorted(listed_rules())


@pytest.mark.parametrize("fmt", sorted(set(FORMATS) - set(LIST_FORMATS)))
def test_list_rules_refuses_the_other_formats_in_one_line(capsys, fmt):
    assert main(["--list-rules", "--format", fmt]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "ms-lint: --list-rules prints text, concise, json, json-lines, sarif, not %s\n" % fmt
