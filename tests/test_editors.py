"""Editors: the real python-lsp-server over stdio, with its flake8 (and pylint) plugin, shows MSL diagnostics."""
from __future__ import annotations

import sys
from typing import Any, Dict

import pytest
from lsp_client import LanguageServer

pytest.importorskip("pylsp", reason="python-lsp-server is not installed (tox env `tests` installs it)")
SOURCE = "import mindspore.nn as nn\n\n\nclass Net(nn.Cell):\n    def __init__(self):\n        super().__init__()\n        self.drop = nn.Dropout(0.1)  # a drop rate\n"


@pytest.mark.parametrize("plugin", ["flake8", "pylint"])
def test_pylsp_shows_msl_diagnostics(tmp_path, plugin):
    document = tmp_path / "model.py"
    document.write_text(SOURCE)
    uri = document.as_uri()
    plugins = {name: {"enabled": name == plugin} for name in ("ms_lint", "flake8", "pylint", "pycodestyle", "pyflakes", "mccabe", "pydocstyle", "autopep8", "yapf")}
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
