"""Editors: the real python-lsp-server over stdio, with its flake8 (and pylint) plugin, shows MSL diagnostics."""
from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, Optional

import pytest

pytest.importorskip("pylsp", reason="python-lsp-server is not installed (tox env `tests` installs it)")
SOURCE = "import mindspore.nn as nn\n\n\nclass Net(nn.Cell):\n    def __init__(self):\n        super().__init__()\n        self.drop = nn.Dropout(0.1)  # a drop rate\n"


class LanguageServer:
    """A minimal LSP client: Content-Length framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "pylsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=str(cwd))
        self.messages: "queue.Queue[Dict[str, Any]]" = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            for line in iter(stream.readline, b""):
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length is None:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params: Dict[str, Any], request: bool = False) -> Optional[int]:
        message: Dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()
        return message.get("id")

    def wait_for(self, accept, timeout: float = 60) -> Dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            if accept(message):
                return message
        raise AssertionError("the language server sent nothing that matched within %ss" % timeout)

    def close(self) -> None:
        try:
            request = self.send("shutdown", {}, request=True)
            self.wait_for(lambda m: m.get("id") == request, timeout=10)
            self.send("exit", {})
            self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.mark.parametrize("plugin", ["flake8", "pylint"])
def test_pylsp_shows_msl_diagnostics(tmp_path, plugin):
    document = tmp_path / "model.py"
    document.write_text(SOURCE)
    uri = document.as_uri()
    plugins = {name: {"enabled": name == plugin} for name in ("flake8", "pylint", "pycodestyle", "pyflakes", "mccabe", "pydocstyle", "autopep8", "yapf")}
    if plugin == "pylint":
        plugins["pylint"]["args"] = ["--load-plugins=ms_lint.pylint_plugin", "--disable=all", "--enable=ms-dropout-keep-prob"]
    server = LanguageServer(tmp_path)
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
