"""`ms-lint server`: the Language Server over stdio (pygls); each document is linted on open, change and save."""
from __future__ import annotations

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional, Sequence, Tuple

from lsprotocol import types
from lsprotocol.converters import get_converter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ms_lint import __version__
from ms_lint.editor_findings import FIX_ALL, DocumentFindings, document_settings

DEBOUNCE_SECONDS = 0.005  # changes closer than this are linted once; a change during a lint waits for it, and only the newest runs
_converter = get_converter()


class MsLintServer(LanguageServer):
    """Keeps each open document's last lint; lints one document at a time, in one worker thread."""

    def __init__(self) -> None:
        super().__init__("ms-lint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.options: Dict[str, Any] = {}
        self.linted: Dict[str, DocumentFindings] = {}
        self.versions: Dict[str, Optional[int]] = {}
        self.pending: Dict[str, asyncio.Task] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ms-lint")
        self.reported: set = set()

    def lint_later(self, uri: str, delay: float) -> None:
        """Lint the document after `delay`, replacing a lint scheduled for it and not yet started."""
        previous = self.pending.pop(uri, None)
        if previous:
            previous.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._lint_and_publish(uri, delay))

    async def _lint_and_publish(self, uri: str, delay: float) -> None:
        await asyncio.sleep(delay)
        linted = await self.current(uri)
        if linted is None or self.versions.get(uri) != self._version(uri):
            return  # closed, or changed while it was linted: the newer lint publishes
        if linted.parses:
            diagnostics = [_converter.structure(d, types.Diagnostic) for d in linted.diagnostics()]
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, diagnostics, self.versions.get(uri)))

    async def current(self, uri: str) -> Optional[DocumentFindings]:
        """The lint of the document as it is now (linted again if it changed since)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        known = self.linted.get(uri)
        if known is not None and self.versions.get(uri) == document.version and known.source == document.source:
            return known
        source, version = document.source, document.version
        path = to_fs_path(uri) if uri.startswith("file:") else None
        codec = document.position_codec
        linted, problem = await asyncio.get_running_loop().run_in_executor(self.worker, _lint, uri, source, path, codec, self.options)
        if problem and problem not in self.reported:
            self.reported.add(problem)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, "ms-lint: %s" % problem))
        if self._version(uri) == version:
            if linted.parses or uri not in self.linted:
                self.linted[uri], self.versions[uri] = linted, version
            else:
                self.versions[uri] = version  # keep the last good lint while the text does not parse
        return linted

    def _version(self, uri: str) -> Optional[int]:
        document = self.workspace.text_documents.get(uri)
        return document.version if document else None


def _lint(uri: str, source: str, path: Optional[str], codec: Any, options: Dict[str, Any]) -> Tuple[DocumentFindings, Optional[str]]:
    """One document linted with its file's settings (in the worker thread); and a settings problem, if any."""
    settings, problem = document_settings(path, options)
    columns = lambda line, col: codec.client_num_units(line[:col])  # noqa: E731
    return DocumentFindings(uri, source, path, settings, columns), problem


server = MsLintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: MsLintServer, params: types.InitializeParams) -> None:
    if isinstance(params.initialization_options, dict):
        ls.options = params.initialization_options


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: MsLintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint_later(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: MsLintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.lint_later(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: MsLintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.lint_later(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: MsLintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task:
        task.cancel()
    ls.linted.pop(uri, None)
    ls.versions.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
async def code_action(ls: MsLintServer, params: types.CodeActionParams) -> List[types.CodeAction]:
    linted = await ls.current(params.text_document.uri)
    if linted is None or linted.result.error:
        return []
    context = _converter.unstructure(params.context)
    actions = linted.code_actions(_converter.unstructure(params.range), context.get("diagnostics", ()), params.context.only)
    return [_converter.structure(a, types.CodeAction) for a in actions]


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: MsLintServer, params: types.HoverParams) -> Optional[types.Hover]:
    linted = await ls.current(params.text_document.uri)
    page = linted.hover(_converter.unstructure(params.position)) if linted and not linted.result.error else None
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, page)) if page else None


def serve(argv: Sequence[str] = ()) -> int:
    """Speak LSP on stdin and stdout until the client exits or closes stdin."""
    if argv:
        print("ms-lint: server takes no arguments (settings come from config files and initializationOptions)", file=sys.stderr)
        return 2
    server.start_io()
    return 0
