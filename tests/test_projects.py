"""Multi-module case projects (tests/projects/): a base class in another module or an installed
package, followed through module summaries; the engine, the CLI, flake8 and pylint all report what
the inline expectations say, and no module of the project or of the package ever runs."""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
from case_files import Case, Expected

from ms_lint.analysis.project.summaries import ModuleSummary
from ms_lint.editor_findings import DocumentFindings, document_settings
from ms_lint.engine import lint_file
from ms_lint.engine.settings import Settings
from ms_lint.registry import all_rules
from ms_lint.run.cache import keep_summaries, keep_summaries_in_default_cache

PROJECTS = Path(__file__).parent / "projects"
NAMES = sorted(p.name for p in PROJECTS.iterdir() if p.is_dir() and p.name != "site")
BY_MSGID = {rule.pylint_msgid: code for code, rule in all_rules().items()}


@pytest.fixture
def project(request, tmp_path, monkeypatch) -> Path:
    """A copy of the project beside a copy of site/, which is on the interpreter's path."""
    shutil.copytree(PROJECTS / "site", tmp_path / "site")
    shutil.copytree(PROJECTS / request.param, tmp_path / request.param)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    # site/ first, then what the run already had on its path (a checkout under test, say)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(tmp_path / "site"), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    yield tmp_path / request.param
    assert not (tmp_path / "site" / "EXECUTED").exists(), "a module of the installed package ran"


def _files(root: Path) -> List[Path]:
    return sorted(root.rglob("*.py"))


def _parses(path: Path) -> bool:
    try:
        ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return False
    return True


def _expected(root: Path) -> Dict[str, Expected]:
    """The inline expectations of every file that parses (a project may hold one that does not, on purpose)."""
    found = {str(p.relative_to(root)): Case(p, ()).expected() for p in _files(root) if _parses(p)}
    return {name: items for name, items in found.items() if items}


def _run(args: List[str], root: Path) -> str:
    done = subprocess.run(args, capture_output=True, text=True, cwd=str(root.parent), env=os.environ.copy())
    if done.returncode not in (0, 1, 4, 16, 20) and not done.stdout:
        pytest.fail("%s failed (%d): %s" % (args[:3], done.returncode, done.stderr[-2000:]))
    return done.stdout


def _lines(output: str, root: Path, code_of, column_base: int) -> Dict[str, Expected]:
    found: Dict[str, Expected] = {}
    for line in output.splitlines():
        parts = line.split("|")
        if len(parts) == 4 and parts[1].isdigit() and parts[2].isdigit():
            code = code_of(parts[3])
            if code.startswith("MSL"):
                name = str((root.parent / parts[0]).resolve().relative_to(root.resolve()))
                found.setdefault(name, []).append((int(parts[1]), int(parts[2]) - column_base, code))
    return {name: sorted(items) for name, items in found.items()}


def through_engine(root: Path) -> Dict[str, Expected]:
    found = {}
    for path in _files(root):
        result = lint_file(str(path), Settings())
        if result.findings:
            found[str(path.relative_to(root))] = sorted((f.line, f.col, f.code) for f in result.findings)
    return found


def through_editor(root: Path) -> Dict[str, Expected]:
    """The language server's and pylsp's way: each file as an open document, with its config's settings."""
    found = {}
    for path in _files(root):
        result = DocumentFindings(path.as_uri(), path.read_text(encoding="utf-8"), str(path), document_settings(str(path))[0]).result
        if result.findings:
            found[str(path.relative_to(root))] = sorted((f.line, f.col, f.code) for f in result.findings)
    return found


def through_cli(root: Path) -> Dict[str, Expected]:
    output = _run([sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", "--format=json", str(root)], root)
    found: Dict[str, Expected] = {}
    for item in json.loads(output or "[]"):
        name = str((root.parent / item["path"]).resolve().relative_to(root.resolve()))
        found.setdefault(name, []).append((item["line"], item["column"] - 1, item["code"]))
    return {name: sorted(items) for name, items in found.items()}


def through_flake8(root: Path) -> Dict[str, Expected]:
    args = [sys.executable, "-m", "flake8", "--isolated", "--select=MSL", "--format=%(path)s|%(row)d|%(col)d|%(code)s"]
    return _lines(_run(args + [str(p) for p in _files(root)], root), root, lambda code: code, 1)


def through_pylint(root: Path) -> Dict[str, Expected]:
    enable = ",".join(r.symbol for r in all_rules().values() if r.code in Settings().enabled_codes()) + ",ms-internal-error"
    args = [
        sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--load-plugins=ms_lint.pylint_plugin", "--disable=all",
        "--enable=" + enable, "--msg-template={path}|{line}|{column}|{msg_id}", "--score=n", "--persistent=n",
    ]
    return _lines(_run(args + [str(p) for p in _files(root)], root), root, lambda msgid: BY_MSGID.get(msgid, msgid), 0)


@pytest.mark.parametrize("project", NAMES, indirect=True)
@pytest.mark.parametrize("front_end", [through_engine, through_editor, through_cli, through_flake8, through_pylint], ids=lambda f: f.__name__)
def test_every_front_end_reports_what_the_project_expects(project, front_end):
    assert front_end(project) == _expected(project)


@pytest.mark.parametrize("project", NAMES[:1], indirect=True)
@pytest.mark.parametrize("front_end", [through_editor, through_flake8, through_pylint], ids=lambda f: f.__name__)
def test_the_plugins_keep_other_modules_summaries_in_the_cache_and_read_them_back(project, front_end, tmp_path, monkeypatch):
    """flake8, pylint and the editor integrations keep the summaries of the modules they read in the
    cache directory; a later run reads them back (no parse) and reports the same findings."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("MS_LINT_CACHE_DIR", str(cache))
    keep_summaries_in_default_cache.cache_clear()  # the editor's run is in this process, which kept its cache already
    try:
        assert front_end(project) == _expected(project)
        kept = [p for p in cache.rglob("*.json") if '"star_imports"' in p.read_text(encoding="utf-8")]
        assert kept and all(ModuleSummary.from_json(p.read_text(encoding="utf-8")) for p in kept)
        assert front_end(project) == _expected(project)
    finally:
        keep_summaries(None)
        keep_summaries_in_default_cache.cache_clear()


def test_a_cached_result_is_dropped_when_a_module_it_read_changes(tmp_path, monkeypatch):
    """The cache keeps a file's findings only while the modules its analysis read are unchanged: a
    base class in another module gains `construct`, and the subclass's forward is reported as
    running under it (MSL135), no longer as missing construct (MSL131)."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    base = package / "base.py"
    base.write_text("from mindspore import nn\n\n\nclass Base(nn.Cell):\n    pass\n", encoding="utf-8")
    head = package / "head.py"
    head.write_text("from pkg.base import Base\nimport mindspore\n\n\nclass Head(Base):\n    def forward(self, x):\n"
                    "        return x\n", encoding="utf-8")
    monkeypatch.setenv("MS_LINT_CACHE_DIR", str(tmp_path / "cache"))
    command = [sys.executable, "-m", "ms_lint.cli", "--isolated", "--format", "json", str(head)]

    def codes() -> List[str]:
        done = subprocess.run(command, capture_output=True, text=True, cwd=str(tmp_path), env=os.environ.copy())
        return [f["code"] for f in json.loads(done.stdout)]

    assert codes() == ["MSL131"]
    assert codes() == ["MSL131"]  # from the cache
    base.write_text("from mindspore import nn\n\n\nclass Base(nn.Cell):\n    def construct(self, x):\n        return x\n",
                    encoding="utf-8")
    assert codes() == ["MSL135"]


def test_verbose_names_once_the_modules_no_source_was_found_for(tmp_path):
    """`-v` says once per run which modules the analysis looked for and found no source of (what
    they define is out of sight); without it, nothing is said, and neither is a finding."""
    root = tmp_path / "cell_bases"
    shutil.copytree(PROJECTS / "cell_bases", root)
    command = [sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", str(root)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    quiet = subprocess.run(command, capture_output=True, text=True, cwd=str(tmp_path), env=env)
    loud = subprocess.run(command + ["-v"], capture_output=True, text=True, cwd=str(tmp_path), env=env)
    notes = [line for line in loud.stderr.splitlines() if "no source found" in line]
    assert len(notes) == 1 and "netpkg.models.missing (1 file)" in notes[0] and "fakehub" in notes[0]
    assert "no source found" not in quiet.stderr and quiet.stdout == loud.stdout


def test_sarif_names_the_modules_no_source_was_found_for(tmp_path):
    """SARIF carries the same once-per-run note as tool execution notifications (one per module, level
    note); the run still succeeds and no finding is made of it."""
    root = tmp_path / "cell_bases"
    shutil.copytree(PROJECTS / "cell_bases", root)
    command = [sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", "--format", "sarif", str(root)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(command, capture_output=True, text=True, cwd=str(tmp_path), env=env)
    [invocation] = json.loads(done.stdout)["runs"][0]["invocations"]
    notes = {n["message"]["text"] for n in invocation["toolExecutionNotifications"] if n["level"] == "note"}
    assert any("module netpkg.models.missing (1 file asked)" in text for text in notes)
    assert any("fakehub" in text for text in notes)
    assert invocation["executionSuccessful"] is True
