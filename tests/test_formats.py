"""SARIF, rdjson and GitHub output: valid against the official schemas, with fixes and rule docs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ms_lint.cli import main
from ms_lint.registry import all_rules

jsonschema = pytest.importorskip("jsonschema")

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "tests" / "schemas"
SOURCE = (
    "import mindspore.nn as nn\n"
    "λ = 'é'; drop = nn.Dropout(0.1)\n"
    "bn = nn.BatchNorm2d(3, momentum=0.1)\n"
    "bn2 = nn.BatchNorm2d(3, momentum=0.1)  # noqa: MSL111\n"
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "model.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def render(capsys, fmt):
    code = main(["--isolated", "--target-version", "2.3", "--format", fmt, "pkg"])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    return out


def validate(document, schema_file):
    schema = json.loads((SCHEMAS / schema_file).read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    errors = sorted(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(document), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])


def test_sarif_is_valid_with_rule_docs_fingerprints_and_fixes(project, capsys):
    log = json.loads(render(capsys, "sarif"))
    validate(log, "sarif-schema-2.1.0.json")
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(all_rules())
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["helpUri"].endswith("/docs/rules/%s.md" % rule["id"])
    assert [r["ruleId"] for r in run["results"]] == ["MSL101", "MSL111"]
    dropout = run["results"][0]
    assert rules[dropout["ruleIndex"]]["id"] == "MSL101"
    location = dropout["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pkg/model.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 17, "endLine": 2, "endColumn": 32}
    assert run["columnKind"] == "unicodeCodePoints"
    assert dropout["partialFingerprints"] and dropout["partialFingerprints"] != run["results"][1]["partialFingerprints"]
    [fix] = dropout["fixes"]
    [replacement] = fix["artifactChanges"][0]["replacements"]
    assert replacement == {"deletedRegion": {"startLine": 2, "startColumn": 28, "endLine": 2, "endColumn": 31}, "insertedContent": {"text": "p=0.1"}}


def test_sarif_fingerprints_survive_moved_lines(project, capsys):
    first = json.loads(render(capsys, "sarif"))["runs"][0]["results"]
    (project / "pkg" / "model.py").write_text("\n\n# a comment\n" + SOURCE, encoding="utf-8")
    moved = json.loads(render(capsys, "sarif"))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in moved] == [r["partialFingerprints"] for r in first]


def test_rdjson_is_valid_with_suggestions_in_utf8_columns(project, capsys):
    result = json.loads(render(capsys, "rdjson"))
    validate(result, "rdjson/DiagnosticResult.json")
    dropout, batchnorm = result["diagnostics"]
    assert dropout["code"]["value"] == "MSL101" and dropout["code"]["url"].endswith("/docs/rules/MSL101.md")
    assert dropout["location"]["path"] == "pkg/model.py"
    prefix = len("λ = 'é'; drop = ".encode("utf-8"))
    assert dropout["location"]["range"] == {"start": {"line": 2, "column": prefix + 1}, "end": {"line": 2, "column": prefix + 16}}
    assert dropout["suggestions"] == [{"range": {"start": {"line": 2, "column": prefix + 12}, "end": {"line": 2, "column": prefix + 15}}, "text": "p=0.1"}]
    assert batchnorm["suggestions"][0]["text"] == "0.9"


def test_rdjson_suggestions_applied_by_byte_range_give_the_fixed_file(project, capsys):
    """What reviewdog does with a suggestion: replace the byte range with the text."""
    data = (project / "pkg" / "model.py").read_bytes()
    lines = data.splitlines(keepends=True)
    edits = [s for d in json.loads(render(capsys, "rdjson"))["diagnostics"] for s in d["suggestions"]]
    for s in sorted(edits, key=lambda s: (s["range"]["start"]["line"], s["range"]["start"]["column"]), reverse=True):
        start, end = s["range"]["start"], s["range"]["end"]
        line = lines[start["line"] - 1]
        lines[start["line"] - 1] = line[: start["column"] - 1] + s["text"].encode("utf-8") + line[end["column"] - 1 :]
    main(["--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", "pkg"])
    capsys.readouterr()
    assert b"".join(lines) == (project / "pkg" / "model.py").read_bytes()


def test_github_workflow_commands(project, capsys):
    lines = render(capsys, "github").splitlines()
    assert lines[0].startswith("::error file=pkg/model.py,line=2,col=17,endLine=2,endColumn=32,title=MSL101::nn.Dropout reads")
    assert lines[1].startswith("::error file=pkg/model.py,line=3,col=6,endLine=3,endColumn=37,title=MSL111::")
    assert len(lines) == 2


def test_github_escapes_workflow_command_syntax():
    from ms_lint.model import Finding
    from ms_lint.output import Report, github

    rule = all_rules()["MSL101"]
    [line] = github(Report([("a,b:c%.py", Finding(rule, 1, 0, 1, 1, "50% off\nnext, line"))])).splitlines()
    assert line == "::error file=a%2Cb%3Ac%25.py,line=1,col=1,endLine=1,endColumn=2,title=MSL101::50%25 off%0Anext, line"


def test_empty_runs_are_valid_documents(tmp_path, capsys):
    (tmp_path / "ok.py").write_text("import mindspore\n")
    for fmt, empty in (("sarif", None), ("rdjson", {"source": {"name": "ms-lint"}}), ("json", [])):
        assert main(["--isolated", "--format", fmt, str(tmp_path / "ok.py")]) == 0
        document = json.loads(capsys.readouterr().out)
        if fmt == "sarif":
            assert document["runs"][0]["results"] == []
            validate(document, "sarif-schema-2.1.0.json")
        elif fmt == "rdjson":
            assert document["diagnostics"] == []
        else:
            assert document == empty


def test_files_that_cannot_be_checked_reach_review_annotations(project, capsys):
    (project / "pkg" / "broken.py").write_text("import mindspore.nn as nn\ndef f(:\n")
    assert main(["--isolated", "--format", "sarif", "pkg"]) == 2
    out, err = capsys.readouterr()
    log = json.loads(out)
    [invocation] = log["runs"][0]["invocations"]
    [notification] = invocation["toolExecutionNotifications"]
    assert invocation["executionSuccessful"] is False
    assert notification["level"] == "error" and notification["message"]["text"] in err
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/broken.py"
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"MSL101", "MSL111"}
    validate(log, "sarif-schema-2.1.0.json")
    assert main(["--isolated", "--format", "github", "pkg"]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("::error file=pkg/broken.py,title=ms-lint::")
    assert len(lines) == 3
