"""Editors: real clients (Neovim, python-lsp-server with its flake8, pylint and ms_lint plugins) show MSL findings and apply their fixes."""
from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

import pytest
from lsp_client import LanguageServer, apply_text_edits

from ms_lint.cli import main

pytest.importorskip("pylsp", reason="python-lsp-server is not installed (tox env `tests` installs it)")
SOURCE = (
    "import mindspore.nn as nn\n\n\nclass Net(nn.Cell):\n    def __init__(self):\n        super().__init__()\n"
    "        self.drop = nn.Dropout(0.1)  # a drop rate\n"
)


@pytest.mark.parametrize("plugin", ["flake8", "pylint"])
def test_pylsp_shows_msl_diagnostics(tmp_path, plugin):
    document = tmp_path / "model.py"
    document.write_text(SOURCE)
    uri = document.as_uri()
    names = ("ms_lint", "flake8", "pylint", "pycodestyle", "pyflakes", "mccabe", "pydocstyle", "autopep8", "yapf")
    plugins = {name: {"enabled": name == plugin} for name in names}
    if plugin == "pylint":
        plugins["pylint"]["args"] = ["--load-plugins=ms_lint.pylint_plugin", "--disable=all", "--enable=ms-dropout-keep-prob"]
    server = LanguageServer([sys.executable, "-m", "pylsp"], tmp_path)
    try:
        request = server.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}, request=True)
        server.wait_for(lambda m: m.get("id") == request)
        server.send("initialized", {})
        server.send("workspace/didChangeConfiguration", {"settings": {"pylsp": {"plugins": plugins}}})
        server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": SOURCE}})
        server.send("textDocument/didSave", {"textDocument": {"uri": uri}})  # pylsp runs pylint on save only

        def msl_diagnostics(message: Dict[str, Any]) -> bool:
            params = message.get("params", {})
            return (
                message.get("method") == "textDocument/publishDiagnostics"
                and params.get("uri") == uri
                and any("MSL101" in d["message"] or d.get("code") in ("MSL101", "W5101") for d in params["diagnostics"])
            )

        [diagnostic] = server.wait_for(msl_diagnostics)["params"]["diagnostics"]
    finally:
        server.close()
    assert diagnostic["source"] == plugin
    assert diagnostic["range"]["start"] == {"line": 6, "character": 20}
    assert "keep_prob" in diagnostic["message"]


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ported_resnet.py"
MSL101_FIXED = ("nn.Dropout(drop_rate)", "nn.Dropout(p=drop_rate)")  # the example's first MSL101 and its quick fix


def fixed_by_the_cli(source: str, tmp_path: Path) -> str:
    """What `ms-lint --fix` (safe fixes only) makes of the source."""
    copy = tmp_path / "fixed_by_cli.py"
    copy.write_text(source, encoding="utf-8")
    main(["--fix", "--isolated", "--no-cache", "--exit-zero", str(copy)])
    return copy.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("nvim") is None, reason="Neovim is not installed (apt-get install neovim; .ci/run installs it)")
def test_neovim_applies_the_quick_fix_and_fix_all_from_ms_lint_server(tmp_path):
    pytest.importorskip("pygls", reason="pygls is not installed (pip install 'ms-lint[server]')")
    document, out, command = tmp_path / "ported_resnet.py", tmp_path / "out.json", tmp_path / "ms-lint"
    source = EXAMPLE.read_text(encoding="utf-8")
    document.write_text(source, encoding="utf-8")
    command.write_text("#!/bin/sh\nexec %s -m ms_lint.cli \"$@\"\n" % shlex.quote(sys.executable))
    command.chmod(0o755)
    script = Path(__file__).resolve().parent / "editors" / "nvim_code_actions.lua"
    environment = {**os.environ, "MS_LINT_FILE": str(document), "MS_LINT_OUT": str(out), "MS_LINT_COMMAND": str(command)}
    subprocess.run(["nvim", "--headless", "--clean", "-u", "NONE", "-c", "luafile " + str(script)],
                   env=environment, cwd=str(tmp_path), timeout=120, check=True, stdin=subprocess.DEVNULL)
    result = json.loads(out.read_text())
    assert "error" not in result, result.get("error")
    assert any(t.startswith("ms-lint (MSL101):") and t.endswith("(unsafe)") for t in result["titles"])
    assert "Disable MSL101 for this line" in result["titles"] and "Fix all safe ms-lint fixes" in result["titles"]
    assert result["after_quickfix"] == source.replace(*MSL101_FIXED, 1)
    assert result["after_fix_all"] == fixed_by_the_cli(result["after_quickfix"], tmp_path)


def test_pylsp_with_the_ms_lint_plugin_serves_each_finding_once_and_its_fixes(tmp_path):
    document = tmp_path / "ported_resnet.py"
    source = EXAMPLE.read_text(encoding="utf-8")
    document.write_text(source, encoding="utf-8")
    uri = document.as_uri()
    names = ("ms_lint", "flake8", "pylint", "pycodestyle", "pyflakes", "mccabe", "pydocstyle", "autopep8", "yapf",
             "jedi_completion", "rope_autoimport")
    plugins = {name: {"enabled": name == "ms_lint"} for name in names}
    server = LanguageServer([sys.executable, "-m", "pylsp"], tmp_path)
    try:
        server.initialize(tmp_path)
        server.send("workspace/didChangeConfiguration", {"settings": {"pylsp": {"plugins": plugins}}})
        server.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": source}})
        diagnostics = server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["diagnostics"])["params"]["diagnostics"]
        first = min((d for d in diagnostics if d["code"] == "MSL101"), key=lambda d: d["range"]["start"]["line"])
        params = {"textDocument": {"uri": uri}, "range": first["range"], "context": {"diagnostics": [first]}}
        actions = {a["title"]: a for a in server.request("textDocument/codeAction", params)["result"]}
    finally:
        server.close()
    command = [sys.executable, "-m", "ms_lint.cli", "--format", "json", "--isolated", "--no-cache", str(document)]
    with_cli = subprocess.run(command, capture_output=True, text=True, cwd=str(tmp_path))
    assert sorted(d["code"] for d in diagnostics) == sorted(f["code"] for f in json.loads(with_cli.stdout))
    assert {d["source"] for d in diagnostics} == {"ms-lint"}
    quick_fix = next(a for t, a in actions.items() if t.startswith("ms-lint (MSL101):"))
    assert quick_fix["title"].endswith("(unsafe)") and quick_fix["isPreferred"] is False
    assert apply_text_edits(source, quick_fix["edit"]["changes"][uri]) == source.replace(*MSL101_FIXED, 1)
    assert "Disable MSL101 for this line" in actions
    assert apply_text_edits(source, actions["Fix all safe ms-lint fixes"]["edit"]["changes"][uri]) == fixed_by_the_cli(source, tmp_path)
