"""`ms-lint server` over stdio: JSON-RPC frames in, diagnostics, code actions and hover out; bad input survived."""
from __future__ import annotations

import io
import sys
from contextlib import redirect_stdout
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

pytest.importorskip("pygls", reason="pygls is not installed (pip install 'ms-lint[server]')")
from lsp_client import LanguageServer, apply_text_edits  # noqa: E402

from ms_lint.cli import main  # noqa: E402

SERVER = [sys.executable, "-m", "ms_lint.cli", "server"]
SOURCE = (
    "import mindspore.nn as nn\n"
    "\n"
    "\n"
    "class Net(nn.Cell):\n"
    "    def __init__(self):\n"
    "        super().__init__()\n"
    '        self.label = "\U0001F60B"; self.drop = nn.Dropout(0.1)\n'
    "        self.conv = nn.Conv2d(3, 3, 3, bias=False, pad_mode='valid')  # noqa: E501\n"
)
DROPOUT, CONV = 6, 7  # their lines, 0-based


@pytest.fixture
def server(tmp_path):
    client = LanguageServer(SERVER, tmp_path)
    yield client
    client.close()


def open_document(server: LanguageServer, path: Path, text: str, options=None) -> str:
    path.write_text(text, encoding="utf-8")
    server.initialize(path.parent, options)
    server.send("textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "python", "version": 1, "text": text}})
    return path.as_uri()


def change(server: LanguageServer, uri: str, version: int, text: str) -> None:
    server.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})


def code_actions(server: LanguageServer, uri: str, line: int, only=None):
    context = {"diagnostics": [], **({"only": only} if only else {})}
    point = {"line": line, "character": 0}
    where = {"start": point, "end": {"line": line, "character": 200}}
    return server.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": where, "context": context})["result"]


def test_diagnostics_carry_exact_utf16_ranges_codes_and_rule_pages(server, tmp_path):
    uri = open_document(server, tmp_path / "model.py", SOURCE)
    by_code = {d["code"]: d for d in server.diagnostics(uri, 1)}
    assert set(by_code) == {"MSL101", "MSL112"}
    dropout = by_code["MSL101"]
    line = SOURCE.splitlines()[DROPOUT]
    start = line.index("nn.Dropout") + 1  # the emoji before it is two UTF-16 code units
    assert dropout["range"] == {"start": {"line": DROPOUT, "character": start}, "end": {"line": DROPOUT, "character": start + len("nn.Dropout(0.1)")}}
    assert dropout["source"] == "ms-lint" and dropout["severity"] == 2 and by_code["MSL112"]["severity"] == 1
    page = Path(url2pathname(urlparse(dropout["codeDescription"]["href"]).path))
    assert page.name == "MSL101.md" and page.read_text(encoding="utf-8").startswith("# MSL101")


def test_code_actions_fix_disable_and_fix_all(server, tmp_path):
    uri = open_document(server, tmp_path / "model.py", SOURCE)
    server.diagnostics(uri, 1)
    dropout = {a["title"]: a for a in code_actions(server, uri, DROPOUT)}
    fix = next(a for t, a in dropout.items() if t.startswith("ms-lint (MSL101)"))
    assert fix["title"].endswith("(unsafe)") and fix["isPreferred"] is False and fix["kind"] == "quickfix"
    assert "nn.Dropout(p=0.1)" in apply_text_edits(SOURCE, fix["edit"]["changes"][uri])
    disable = apply_text_edits(SOURCE, dropout["Disable MSL101 for this line"]["edit"]["changes"][uri])
    assert disable.splitlines()[DROPOUT] == SOURCE.splitlines()[DROPOUT] + "  # noqa: MSL101"
    conv = {a["title"]: a for a in code_actions(server, uri, CONV)}
    assert next(a for t, a in conv.items() if t.startswith("ms-lint (MSL112)"))["isPreferred"] is True
    merged = apply_text_edits(SOURCE, conv["Disable MSL112 for this line"]["edit"]["changes"][uri])
    assert merged.splitlines()[CONV].endswith("# noqa: E501, MSL112")
    [fix_all] = code_actions(server, uri, 0, only=["source.fixAll"])
    assert fix_all["kind"] == "source.fixAll.ms-lint" and fix_all["title"] == "Fix all safe ms-lint fixes"
    expected = tmp_path / "expected.py"
    expected.write_text(SOURCE, encoding="utf-8")
    main(["--fix", "--isolated", "--no-cache", "--exit-zero", str(expected)])
    assert apply_text_edits(SOURCE, fix_all["edit"]["changes"][uri]) == expected.read_text(encoding="utf-8")


def test_hover_shows_the_explain_page(server, tmp_path):
    uri = open_document(server, tmp_path / "model.py", SOURCE)
    server.diagnostics(uri, 1)
    hover = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": DROPOUT, "character": 40}})["result"]
    explained = io.StringIO()
    with redirect_stdout(explained):
        main(["--explain", "MSL101"])
    assert hover["contents"]["kind"] == "markdown" and hover["contents"]["value"].strip() == explained.getvalue().strip()


def test_settings_from_the_nearest_config_then_initialization_options(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ms-lint]\nselect = ["MSL112"]\n')
    (tmp_path / "pkg").mkdir()
    cases = (({}, {"MSL112"}), ({"select": ["MSL101"]}, {"MSL101"}), ({"extendSelect": "MSL101", "ignore": ["MSL112"]}, {"MSL101"}))
    for options, expected in cases:
        client = LanguageServer(SERVER, tmp_path)
        try:
            uri = open_document(client, tmp_path / "pkg" / "model.py", SOURCE, options)
            assert {d["code"] for d in client.diagnostics(uri, 1)} == expected
        finally:
            client.close()


def test_a_document_that_does_not_parse_keeps_its_last_diagnostics(server, tmp_path):
    uri = open_document(server, tmp_path / "model.py", SOURCE)
    assert server.diagnostics(uri, 1)
    change(server, uri, 2, SOURCE + "def broken(:\n")
    assert code_actions(server, uri, DROPOUT) == []  # answered, not crashed
    change(server, uri, 3, SOURCE.replace("(0.1)", "(p=0.1)"))
    assert {d["code"] for d in server.diagnostics(uri, 3)} == {"MSL112"}
    published = [m["params"].get("version") for m in server.seen if m.get("method") == "textDocument/publishDiagnostics"]
    assert 2 not in published


def test_unknown_requests_and_notifications_are_answered_or_ignored(server, tmp_path):
    uri = open_document(server, tmp_path / "model.py", SOURCE)
    server.send("ms-lint/noSuchNotification", {})
    assert server.request("ms-lint/noSuchRequest", {"x": 1})["error"]["code"] == -32601
    server.write(b"{not json")
    assert server.diagnostics(uri, 1)
    assert code_actions(server, uri, DROPOUT)


def test_changes_faster_than_it_lints_end_with_the_last_version(server, tmp_path):
    uri = open_document(server, tmp_path / "model.py", SOURCE)
    text = SOURCE
    for version in range(2, 102):
        text += "        self.drop%d = nn.Dropout(0.1)\n" % version
        change(server, uri, version, text)
    final = server.diagnostics(uri, 101)
    assert sum(d["code"] == "MSL101" for d in final) == 101
    published = [m["params"]["version"] for m in server.seen if m.get("method") == "textDocument/publishDiagnostics"]
    assert published == sorted(published)


def test_closed_stdin_ends_the_server(tmp_path):
    client = LanguageServer(SERVER, tmp_path)
    client.initialize(tmp_path)
    client.process.stdin.close()
    assert client.process.wait(timeout=30) is not None


def test_server_takes_no_arguments(capsys):
    assert main(["server", "--stdio-please"]) == 2
    assert capsys.readouterr().err.startswith("ms-lint: ")
