"""A failure inside ms-lint never aborts the host: one message per file, and the run goes on."""
import ast
import gc
import subprocess
import sys
from io import StringIO

import pytest
from pylint.lint import Run
from pylint.reporters.text import TextReporter

from ms_lint import engine
from ms_lint.checkers.dropout import DropoutChecker
from ms_lint.engine import lint_source
from ms_lint.flake8_plugin import Plugin

SOURCE = "import mindspore.nn as nn\nd = nn.Dropout(0.1)\n"


@pytest.fixture
def broken_checker(monkeypatch):
    def explode(self, node):
        raise KeyError("boom")

    monkeypatch.setattr(DropoutChecker, "visit_Call", explode)


def test_engine_reports_instead_of_raising(broken_checker):
    result = lint_source(SOURCE, "a.py")
    assert result.findings == [] and result.error == "internal error: KeyError: 'boom'"


@pytest.mark.parametrize("collecting", [True, False], ids=["host-collects", "host-paused-it"])
@pytest.mark.parametrize("breaks", [False, True], ids=["lints", "raises"])
def test_the_cycle_collector_is_paused_while_a_file_is_analysed_and_left_as_the_host_had_it(collecting, breaks, monkeypatch):
    seen = []

    def run(*args):
        seen.append(gc.isenabled())
        if breaks:
            raise KeyError("boom")
        return analyse(*args)

    analyse = engine._run
    monkeypatch.setattr(engine, "_run", run)
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        result = lint_source(SOURCE, "a.py")
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False] and after is collecting
    assert [f.code for f in result.findings] == ([] if breaks else ["MSL101"])


def test_the_facts_table_drops_out_of_the_collectors_sight():
    """The host's every full collection walks what is tracked; the table is read-only data, so after
    one pass none of its name lists is (a list would be tracked for as long as it lives)."""
    from ms_lint.facts import load_facts

    facts = load_facts()
    gc.collect()
    exports = [dated.value for module in facts.modules.values() for dated in module.exports]
    assert exports and not any(gc.is_tracked(names) for names in exports)


def test_flake8_plugin_reports_once_per_file(broken_checker):
    found = list(Plugin(ast.parse(SOURCE), "a.py", SOURCE.splitlines(True)).run())
    assert [(line, message.split()[0]) for line, _, message, _ in found] == [(1, "MSL000")]


def test_pylint_reports_once_per_file_and_goes_on(broken_checker, tmp_path):
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text(SOURCE)
    output = StringIO()
    Run(
        [str(tmp_path / "a.py"), str(tmp_path / "b.py"), "--load-plugins=ms_lint.pylint_plugin",
         "--disable=all", "--enable=ms-internal-error,ms-dropout-keep-prob", "--msg-template={path}:{msg_id}",
         "--rcfile=/dev/null", "--score=n"],
        reporter=TextReporter(output),
        exit=False,
    )
    lines = [line for line in output.getvalue().splitlines() if ":" in line and not line.startswith("*")]
    assert sorted(line.rsplit("/", 1)[-1] for line in lines) == ["a.py:F5100", "b.py:F5100"]


def test_unbroken_pylint_run_reports_the_rule(tmp_path):
    (tmp_path / "a.py").write_text(SOURCE)
    output = StringIO()
    Run([str(tmp_path / "a.py"), "--load-plugins=ms_lint.pylint_plugin", "--disable=all",
         "--enable=ms-dropout-keep-prob", "--msg-template={line}:{symbol}", "--rcfile=/dev/null", "--score=n"],
        reporter=TextReporter(output), exit=False)
    assert "2:ms-dropout-keep-prob" in output.getvalue()


LATIN1_WITHOUT_COOKIE = b"import mindspore.nn as nn\nname = 'caf\xe9'\nd = nn.Dropout(0.1)\n"


def test_a_file_python_cannot_decode_is_one_problem_in_every_front_end(tmp_path):
    """Python refuses to run it (no coding cookie, not UTF-8); flake8 would read it as Latin-1."""
    (tmp_path / "latin1.py").write_bytes(LATIN1_WITHOUT_COOKIE)
    cli = subprocess.run([sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", "latin1.py"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert cli.returncode == 2 and cli.stdout == ""
    [problem] = cli.stderr.splitlines()
    assert problem.startswith("latin1.py: cannot read: 'utf-8' codec can't decode byte 0xe9")
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select", "MSL", "latin1.py"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert flake8.stdout == "latin1.py:1:1: MSL000 ms-lint could not check this file: %s\n" % problem.split(": ", 1)[1]
    output = StringIO()
    Run([str(tmp_path / "latin1.py"), "--load-plugins=ms_lint.pylint_plugin", "--disable=all",
         "--enable=ms-internal-error,ms-dropout-keep-prob,parse-error", "--msg-template={line}:{symbol}",
         "--rcfile=/dev/null", "--score=n"], reporter=TextReporter(output), exit=False)
    assert [line for line in output.getvalue().splitlines() if not line.startswith("*")] == ["1:parse-error"]


def test_flake8_still_lints_decodable_non_ascii_files(tmp_path):
    (tmp_path / "utf8.py").write_bytes(LATIN1_WITHOUT_COOKIE.replace(b"\xe9", "é".encode()))
    (tmp_path / "cookie.py").write_bytes(b"# -*- coding: latin-1 -*-\n" + LATIN1_WITHOUT_COOKIE)
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select", "MSL", "."],
                            capture_output=True, text=True, cwd=tmp_path)
    assert sorted(line.split(" ")[0:2] for line in flake8.stdout.splitlines()) == [
        ["./cookie.py:4:5:", "MSL101"], ["./utf8.py:3:5:", "MSL101"]]
