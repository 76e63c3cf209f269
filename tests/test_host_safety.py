"""A failure inside ms-lint never aborts the host: one message per file, and the run goes on."""
import ast
from io import StringIO

import pytest
from pylint.lint import Run
from pylint.reporters.text import TextReporter

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
