"""The result cache is checked, not trusted: a forged, foreign or broken entry is a miss, never a result or a crash."""
import json
import os
import sys
import time

import pytest

from ms_lint.cli import main
from ms_lint.engine.settings import Settings
from ms_lint.run.cache import Cache, prune

TRAP = "import mindspore.nn as nn\ndrop = nn.Dropout(0.1)\n"
REAL = "a.py:2:8: MSL101 "
MONTH_AGO = time.time() - 40 * 24 * 3600


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MS_LINT_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "a.py").write_text(TRAP)
    return tmp_path / "cache"


def run(capsys, *args):
    code = main(["--isolated", *args])
    out, err = capsys.readouterr()
    return code, out, err


def entries(cache_dir):
    return sorted(cache_dir.glob("*/*/*.json"))


def forge(cache_dir, capsys, change):
    """Fill the cache with a real run, then rewrite its one entry with `change(entry_json)`."""
    assert run(capsys, "a.py")[0] == 1
    [entry] = entries(cache_dir)
    entry.write_text(json.dumps(change(json.loads(entry.read_text()))))
    return entry


def with_findings(findings):
    return lambda data: dict(data, findings=findings)


REAL_FINDING = {
    "code": "MSL101", "line": 2, "column": 8, "end_line": 2, "end_column": 20, "message": "a real message", "severity": "", "fix": None,
}


def finding(**change):
    return dict(REAL_FINDING, **change)


def fix_json(*edits, applicability="unsafe"):
    """A fix of (line, col, end_line, end_col, content) edits, columns 0-based as an Edit holds them."""
    return {"applicability": applicability, "message": "f", "edits": [
        {"line": line, "column": col + 1, "end_line": end_line, "end_column": end_col + 1, "content": content}
        for line, col, end_line, end_col, content in edits
    ]}


FORGERIES = {
    "old layout, no findings": lambda data: {"error": None, "findings": []},
    "other schema": lambda data: dict(data, schema=2, findings=[]),
    "another file's key": lambda data: dict(data, key="0" * 64, findings=[]),
    "escape sequence": with_findings([finding(message="\x1b[2J\x1b]0;owned\x07")]),
    "bidi override": with_findings([finding(message="safe \u202e")]),
    "lone surrogate": with_findings([finding(message="\ud800")]),
    "unknown code": with_findings([finding(code="MSL999")]),
    "line past the end": with_findings([finding(line=9, column=1, end_line=9, end_column=2)]),
    "column past the line": with_findings([finding(end_column=100)]),
    "end before start": with_findings([finding(end_line=1, end_column=1)]),
    "line as text": with_findings([finding(line="2")]),
    "line as bool": with_findings([finding(line=True)]),
    "column as bool": with_findings([finding(column=True)]),
    "findings as object": with_findings({"MSL101": 2}),
    "finding too short": with_findings([{"code": "MSL101", "line": 2}]),
    "finding with an extra key": with_findings([finding(extra=1)]),
    "finding as a list": with_findings([list(REAL_FINDING.values())]),
    "fix as text": with_findings([finding(fix="rm -rf")]),
    "safe fix of an unsafe rule": with_findings([finding(fix=fix_json((1, 0, 2, 19, "import os"), applicability="safe"))]),
    "edit past the end": with_findings([finding(fix=fix_json((1, 0, 7, 0, "x")))]),
    "edit with control text": with_findings([finding(fix=fix_json((2, 7, 2, 19, "\x1b[31m")))]),
    "fix without edits": with_findings([finding(fix=fix_json())]),
    "odd severity": with_findings([finding(severity="fatal")]),
    "error with findings": lambda data: dict(data, error="syntax error at 1:1: x", findings=[REAL_FINDING]),
    "error as number": lambda data: dict(data, error=1, findings=[]),
    "not an object": lambda data: [1, 2, 3],
    "deep nesting": lambda data: dict(data, findings=[[[[[[[[[[[]]]]]]]]]]]),
}


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_a_forged_entry_is_a_miss_and_the_file_is_linted_again(cache_dir, capsys, forgery):
    forge(cache_dir, capsys, FORGERIES[forgery])
    code, out, err = run(capsys, "--format", "sarif", "a.py")
    assert (code, err) == (1, "")
    assert "\x1b" not in out and "\u202e" not in out and "owned" not in out and "import os" not in out
    [result] = json.loads(out)["runs"][0]["results"]
    assert result["ruleId"] == "MSL101" and result["message"]["text"] != "a real message"
    assert result["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "p=0.1"


def test_a_well_formed_entry_is_read_back(cache_dir, capsys):
    """The checks do not turn real entries into misses: a hit serves the entry's own message."""
    forge(cache_dir, capsys, with_findings([REAL_FINDING]))
    code, out, _ = run(capsys, "a.py")
    assert code == 1 and out.startswith(REAL + "a real message")


def test_an_entry_others_could_write_is_a_miss(cache_dir, capsys):
    entry = forge(cache_dir, capsys, with_findings([]))
    assert run(capsys, "a.py")[0] == 0  # this user's own entry is trusted as written
    entry.chmod(0o666)
    code, out, _ = run(capsys, "a.py")
    assert code == 1 and out.startswith(REAL)


def test_an_entry_that_is_a_link_is_a_miss(cache_dir, tmp_path, capsys):
    entry = forge(cache_dir, capsys, with_findings([]))
    outside = tmp_path / "outside.json"
    entry.rename(outside)
    entry.symlink_to(outside)
    assert run(capsys, "a.py")[0] == 1


def test_linked_cache_folders_are_neither_written_nor_pruned_through(cache_dir, tmp_path, capsys):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / ("ab" + "0" * 62 + ".json")
    victim.write_text("{}")
    os.utime(victim, (MONTH_AGO, MONTH_AGO))
    run(capsys, "--no-cache", "a.py")
    version = cache_dir / Cache(cache_dir, Settings()).directory.name
    version.parent.mkdir()
    version.symlink_to(outside, target_is_directory=True)  # the whole version folder is a link
    assert run(capsys, "a.py")[0] == 1
    assert [p.name for p in outside.iterdir()] == [victim.name]  # nothing written through the link
    version.unlink()
    version.mkdir()
    (version / "ab").symlink_to(outside, target_is_directory=True)  # one shard is a link
    prune(cache_dir, now=time.time() + 2 * 24 * 3600)
    assert victim.exists()


def test_a_failed_write_leaves_nothing_behind(cache_dir, capsys, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert run(capsys, "a.py")[0] == 1
    assert [p for p in cache_dir.rglob("*") if p.is_file() and p.name != "last-pruned"] == []


def test_the_key_holds_the_python_version(tmp_path, monkeypatch):
    """A 3.11 run's "syntax error" for `type X = int` must not be served to 3.12."""
    key = Cache(tmp_path, Settings()).key("a.py", b"type X = int\n")
    monkeypatch.setattr(sys, "version", "3.99.0 (elsewhere)")
    assert Cache(tmp_path, Settings()).key("a.py", b"type X = int\n") != key


def test_the_key_holds_the_path_as_the_rules_see_it(cache_dir, tmp_path, capsys, monkeypatch):
    """per-file-ignores match the path as typed: the same file typed otherwise is another entry."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text(TRAP)
    (tmp_path / "conf").mkdir()
    config = tmp_path / "conf" / "pyproject.toml"
    config.write_text('[tool.ms-lint]\nper-file-ignores = { "pkg/*" = ["MSL101"] }\n')
    assert main(["--config", str(config), "pkg/a.py"]) == 0
    monkeypatch.chdir(tmp_path / "pkg")
    assert main(["--config", str(config), "a.py"]) == 1
    capsys.readouterr()
