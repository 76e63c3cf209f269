"""--fix, --unsafe-fixes and --diff: fixes compose, re-parse, write atomically, reach a fixed point, give the cases' .fixed.py."""
from __future__ import annotations

import ast
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from case_files import load_cases

from ms_lint import registry
from ms_lint.analysis.context import Checker
from ms_lint.cli import main
from ms_lint.fixes import apply_edits, compatible_fixes, fix_source
from ms_lint.fixes.edits import replace
from ms_lint.model import Edit, Finding, Fix, Rule

CASES = load_cases()
GIT = shutil.which("git")  # --diff output is checked with `git apply` where git is installed
TRAP = "import mindspore.nn as nn\ndrop = nn.Dropout(0.1)\nbn = nn.BatchNorm2d(3, momentum=0.1)\n"
FIXED = "import mindspore.nn as nn\ndrop = nn.Dropout(p=0.1)\nbn = nn.BatchNorm2d(3, momentum=0.9)\n"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def findings(capsys, *args):
    return json.loads(run(capsys, "--format=json", *args)[1] or "[]")


def test_apply_edits_counts_lines_as_python_does():
    source = "a = 1\x0c  # form feed is not a line end for Python\nb = 2\r\nc = 3\n"
    expected = source.replace("b = 2", "b = 20").replace("c = 3", "c = 30")
    assert apply_edits(source, [Edit(2, 4, 2, 5, "20"), Edit(3, 4, 3, 5, "30")]) == expected


def test_a_fix_applies_whole_or_not_at_all():
    first = Fix("first", (Edit(1, 0, 1, 1, "A"), Edit(1, 4, 1, 5, "B")))
    overlapping = Fix("second", (Edit(1, 2, 1, 3, "C"), Edit(1, 4, 1, 5, "D")))
    apart = Fix("third", (Edit(1, 6, 1, 7, "E"),))
    assert compatible_fixes([first, overlapping, apart]) == [first, apart]
    assert apply_edits("a b c d\n", [e for f in compatible_fixes([first, overlapping, apart]) for e in f.edits]) == "A b B E\n"


BAD = Rule("MSL999", "always-breaks", "a rule whose fix breaks the code", fix="safe")


def _breaking(source: str) -> Finding:
    return Finding(BAD, 1, 0, 1, 6, "x", Fix("break it", (Edit(1, 0, 1, 6, "import ("),), "safe"))


def test_fix_source_refuses_code_that_does_not_parse():
    source = "import mindspore\n"
    result = fix_source(source, [_breaking(source)], relint=lambda s: [], unsafe=False)
    assert result.source == source and result.applied == 0
    assert result.error.startswith("fix refused: the fixed code would not parse (line 1:") and "\n" not in result.error


class BreakingChecker(Checker):
    rules = (BAD,)

    def visit_Module(self, node):
        self.ctx.report(BAD, node.body[0], "always", Fix("break it", (replace(self.ctx, node.body[0], "import ("),), "safe"))


def test_cli_refuses_a_breaking_fix_with_one_line_naming_the_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(registry, "CHECKERS", (BreakingChecker,))
    target = tmp_path / "m.py"
    target.write_text("import mindspore\n")
    code, out, err = run(capsys, "--isolated", "--select", "MSL999", "--fix", target)
    assert code == 2 and target.read_text() == "import mindspore\n"
    assert len(err.splitlines()) == 1 and err.startswith("%s: fix refused: the fixed code would not parse (line 1: " % target)
    assert "MSL999" in out  # the finding is still reported
    code, out, err = run(capsys, "--isolated", "--select", "MSL999", "--diff", target)
    assert (code, out) == (2, "") and "fix refused" in err


def test_fix_applies_safe_fixes_only_unsafe_on_request(tmp_path, capsys):
    target = tmp_path / "m.py"
    target.write_text(TRAP)
    code, _, _ = run(capsys, "--isolated", "--target-version", "2.3", "--fix", target)
    assert code == 1 and target.read_text() == TRAP  # both fixes are unsafe
    code, out, err = run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", target)
    assert (code, out, target.read_text()) == (0, "", FIXED)
    assert err.strip() == "ms-lint: fixed 2 findings in 1 file"
    assert run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", target)[:2] == (0, "")
    assert target.read_text() == FIXED


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path, capsys):
    target = tmp_path / "m.py"
    target.write_text(TRAP)
    before = os.stat(target).st_mtime_ns
    code, out, err = run(capsys, "--isolated", "--target-version", "2.3", "--diff", "--unsafe-fixes", target)
    assert code == 1 and target.read_text() == TRAP and os.stat(target).st_mtime_ns == before
    assert out.splitlines()[:2] == ["--- %s" % target.as_posix(), "+++ %s" % target.as_posix()]
    assert "\n-drop = nn.Dropout(0.1)\n" in out and "\n+drop = nn.Dropout(p=0.1)\n" in out
    assert "would fix 2 findings in 1 file" in err
    assert run(capsys, "--isolated", "--diff", target)[:2] == (0, "")  # nothing safe to apply


@pytest.mark.skipif(GIT is None, reason="git is not installed: the --diff output is not applied with git apply")
def test_diff_applies_with_git_apply_to_the_fixed_result(tmp_path, capsys, monkeypatch):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.py").write_text(TRAP)
    monkeypatch.chdir(tmp_path)
    patch = run(capsys, "--isolated", "--target-version", "2.3", "--diff", "--unsafe-fixes", "pkg")[1]
    assert patch.startswith("--- a/pkg/m.py\n+++ b/pkg/m.py\n@@ ")
    subprocess.run([GIT, "apply", "-"], input=patch, text=True, check=True, cwd=str(tmp_path))
    assert (tmp_path / "pkg" / "m.py").read_text() == FIXED


def test_fix_keeps_encoding_line_endings_and_mode(tmp_path, capsys):
    target = tmp_path / "m.py"
    source = "# -*- coding: latin-1 -*-\r\nimport mindspore.nn as nn\r\nname = 'caf\xe9'\r\ndrop = nn.Dropout(0.1)\r\n"
    target.write_bytes(source.encode("latin-1"))
    target.chmod(0o751)
    run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", target)
    assert target.read_bytes() == source.replace("Dropout(0.1)", "Dropout(p=0.1)").encode("latin-1")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o751
    assert [p.name for p in tmp_path.iterdir()] == ["m.py"]  # no temporary file left behind


def test_fixes_for_several_findings_on_one_line_compose(tmp_path, capsys):
    target = tmp_path / "m.py"
    target.write_text("import mindspore.nn as nn\na, b = nn.Dropout(0.1), nn.BatchNorm1d(4, momentum=0.1)\n")
    run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", target)
    assert target.read_text().splitlines()[1] == "a, b = nn.Dropout(p=0.1), nn.BatchNorm1d(4, momentum=0.9)"


# Python 3.9's ast gives `import` aliases no positions, so there MSL113 reports `from mindspore.nn
# import ModuleList` without its fix (docs/rules/MSL113.md, Versions); the file's other fixes hold.
NO_ALIAS_POSITIONS = sys.version_info < (3, 10)
ALIAS_FIX_CASES = {"MSL113_torch_name_on_mindspore"}


@pytest.mark.parametrize(
    "case_id",
    [
        pytest.param(c, marks=pytest.mark.skipif(NO_ALIAS_POSITIONS, reason="Python 3.9's ast has no positions for import aliases"))
        if c in ALIAS_FIX_CASES else c
        for c in sorted(CASES)
    ],
)
def test_fix_every_case_file_gives_its_fixed_file_through_fix_and_diff(tmp_path, capsys, monkeypatch, case_id):
    case = CASES[case_id]
    monkeypatch.chdir(tmp_path)
    target = Path(case.path.name)
    shutil.copy(case.path, target)
    flags = case.cli_flags()
    original = target.read_bytes()
    before = findings(capsys, *flags, target)
    fixable = [f for f in before if f["fix"]]
    assert case.fixed_path.exists() == bool(fixable), (
        "%s: write the expected result of --fix --unsafe-fixes as %s (python tests/update_cases.py --write %s)"
        % (case.path.name, case.fixed_path.name, case.id) if fixable else "%s has nothing to fix" % case.fixed_path.name
    )

    code, patch, err = run(capsys, *flags, "--diff", "--unsafe-fixes", target)
    assert target.read_bytes() == original, "--diff wrote to the file"
    assert (code, bool(patch)) == ((1, True) if fixable else (0, False)), err
    diffed = None  # what `git apply` makes of the patch, where git is installed
    if patch and GIT is not None:
        subprocess.run([GIT, "apply", "-"], input=patch, text=True, check=True)
        diffed = target.read_text(encoding="utf-8")
        target.write_bytes(original)

    code, _, err = run(capsys, *flags, "--fix", "--unsafe-fixes", target)
    assert code in (0, 1) and "refused" not in err, err
    fixed = target.read_text(encoding="utf-8")
    ast.parse(fixed)
    if fixable:
        assert fixed == case.fixed_path.read_text(encoding="utf-8"), "--fix --unsafe-fixes differs from %s" % case.fixed_path.name
        assert diffed in (None, fixed), "--diff and --fix disagree"
        assert len(findings(capsys, *flags, target)) < len(before), "fixes left every finding in place"
    else:
        assert target.read_bytes() == original

    assert run(capsys, *flags, "--fix", "--unsafe-fixes", target)[2] == ""
    assert target.read_text(encoding="utf-8") == fixed, "a second --fix changed the file"


def test_fix_keeps_stdout_in_the_chosen_format_and_exit_zero(tmp_path, capsys):
    target = tmp_path / "m.py"
    target.write_text(TRAP)
    code, out, err = run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--format", "json", target)
    assert ([f["code"] for f in json.loads(out)], code, err) == (["MSL101", "MSL111"], 1, "")  # unsafe fixes only
    assert run(capsys, "--isolated", "--exit-zero", target)[0] == 0
    code, out, err = run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", "--format", "json", target)
    assert (json.loads(out), code, err) == ([], 0, "ms-lint: fixed 2 findings in 1 file\n")


EVALUATED_IN_TRAIN_MODE = (
    "import mindspore as ms\nfrom mindspore import nn\n\n\ndef run(net, train_dataset, test_dataset):\n"
    "    optimizer = nn.SGD(net.trainable_params())\n"
    "    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)\n"
    "    net.set_train()\n    for data in train_dataset:\n        optimizer(grad_fn(data)[1])\n"
    "    for data in test_dataset:\n        print(net(data))\n"
)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_inserted_lines_take_the_files_line_ending(tmp_path, capsys, newline):
    target = tmp_path / "m.py"
    target.write_bytes(EVALUATED_IN_TRAIN_MODE.replace("\n", newline).encode())
    [fix] = [f["fix"] for f in findings(capsys, "--isolated", target) if f["code"] == "MSL302"]
    assert fix["edits"][0]["content"] == "net.set_train(False)" + newline + "    "
    run(capsys, "--isolated", "--fix", "--unsafe-fixes", target)
    expected = EVALUATED_IN_TRAIN_MODE.replace("    for data in test", "    net.set_train(False)\n    for data in test")
    assert target.read_bytes() == expected.replace("\n", newline).encode()


def test_fix_writes_through_a_symlink_to_its_target(tmp_path, capsys):
    target = tmp_path / "real.py"
    target.write_text(TRAP)
    link = tmp_path / "link.py"
    link.symlink_to(target.name)
    code, _, err = run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", link)
    assert (code, err) == (0, "ms-lint: fixed 2 findings in 1 file\n")
    assert link.is_symlink() and os.readlink(link) == target.name and target.read_text() == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.py", "real.py"]


def test_fix_keeps_hard_links(tmp_path, capsys):
    target = tmp_path / "m.py"
    target.write_text(TRAP)
    target.chmod(0o640)
    other = tmp_path / "other.py"
    os.link(target, other)
    inode = os.stat(target).st_ino
    run(capsys, "--isolated", "--target-version", "2.3", "--fix", "--unsafe-fixes", target)
    assert os.stat(target).st_ino == os.stat(other).st_ino == inode and os.stat(target).st_nlink == 2
    assert other.read_text() == FIXED and stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.py", "other.py"]


def test_a_failed_write_leaves_the_file_and_no_temporary_file(tmp_path, capsys, monkeypatch):
    target = tmp_path / "m.py"
    target.write_text(TRAP)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    code, _, err = run(capsys, "--isolated", "--no-cache", "--target-version", "2.3", "--fix", "--unsafe-fixes", target)
    assert code == 2 and err == "%s: cannot write: [Errno 28] No space left on device\n" % target
    assert target.read_text() == TRAP and [p.name for p in tmp_path.iterdir()] == ["m.py"]


class NonLatinChecker(Checker):
    rules = (BAD,)

    def visit_Module(self, node):
        self.ctx.report(BAD, node.body[0], "always", Fix("rename", (replace(self.ctx, node.body[0], "import mindspore  # \u2192"),), "safe"))


def test_a_fix_the_files_encoding_cannot_hold_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(registry, "CHECKERS", (NonLatinChecker,))
    target = tmp_path / "m.py"
    target.write_bytes(b"# -*- coding: latin-1 -*-\nimport mindspore\n")
    code, _, err = run(capsys, "--isolated", "--no-cache", "--select", "MSL999", "--fix", target)
    assert code == 2 and err == "%s: fix refused: the fixed code cannot be written in iso-8859-1\n" % target
    assert target.read_bytes() == b"# -*- coding: latin-1 -*-\nimport mindspore\n"
