"""A minimal LSP client for the tests: Content-Length framed JSON-RPC over a server's stdin and stdout."""
from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence


class LanguageServer:
    """A language server subprocess; every message it sends is queued for `wait_for`."""

    def __init__(self, command: Sequence[str], cwd: Path) -> None:
        self.process = subprocess.Popen(list(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=str(cwd))
        self.messages: "queue.Queue[Dict[str, Any]]" = queue.Queue()
        self.seen: List[Dict[str, Any]] = []
        self.unclaimed: List[Dict[str, Any]] = []  # received, not yet returned by `wait_for`
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

    def write(self, body: bytes) -> None:
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def send(self, method: str, params: Dict[str, Any], request: bool = False) -> Optional[int]:
        message: Dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        self.write(json.dumps(message).encode("utf-8"))
        return message.get("id")

    def request(self, method: str, params: Dict[str, Any], timeout: float = 60) -> Dict[str, Any]:
        """Send a request and return its response (the whole message: `result` or `error`)."""
        number = self.send(method, params, request=True)
        return self.wait_for(lambda m: m.get("id") == number and "method" not in m, timeout)

    def wait_for(self, accept: Callable[[Dict[str, Any]], bool], timeout: float = 60) -> Dict[str, Any]:
        """The first message, in the order received, that `accept` takes; earlier messages it declines
        stay for later calls (a response may arrive after diagnostics a later call waits for)."""
        for index, message in enumerate(self.unclaimed):
            if accept(message):
                return self.unclaimed.pop(index)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(message)
            if accept(message):
                return message
            self.unclaimed.append(message)
        raise AssertionError("the language server sent nothing that matched within %ss" % timeout)

    def initialize(self, root: Path, options: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        params = {"processId": None, "rootUri": root.as_uri(), "capabilities": {}, "initializationOptions": options or {}}
        response = self.request("initialize", params)
        self.send("initialized", {})
        return response

    def diagnostics(self, uri: str, version: Optional[int] = None, timeout: float = 60) -> List[Dict[str, Any]]:
        """The next diagnostics published for the document (at `version`, when given)."""
        def accept(message: Dict[str, Any]) -> bool:
            params = message.get("params", {})
            return message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri and (
                version is None or params.get("version") == version)

        return self.wait_for(accept, timeout)["params"]["diagnostics"]

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", {}, timeout=10)
                self.send("exit", {})
                self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                stream.close()


def apply_text_edits(text: str, edits: Sequence[Dict[str, Any]]) -> str:
    """The text with LSP text edits applied (UTF-16 positions), last first."""
    lines = text.splitlines(True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(position: Dict[str, int]) -> int:
        if position["line"] >= len(lines):
            return len(text)
        line, units, index = lines[position["line"]], 0, 0
        while index < len(line) and units < position["character"]:
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return starts[position["line"]] + index

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
