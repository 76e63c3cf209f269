"""The python-lsp-server plugin `ms_lint`: ms-lint's diagnostics and code actions inside pylsp."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from pylsp import hookimpl

_last: Dict[str, Tuple[Optional[int], Any]] = {}  # document uri -> (version, its DocumentFindings)
_reported: set = set()


@hookimpl
def pylsp_settings() -> Dict[str, Any]:
    return {"plugins": {"ms_lint": {"enabled": True}}}


@hookimpl
def pylsp_lint(config: Any, workspace: Any, document: Any, is_saved: bool) -> List[Dict[str, Any]]:
    """The document's findings as diagnostics; while it does not parse, the last good ones."""
    linted = _findings(config, workspace, document)
    if not linted.parses:
        _, previous = _last.get(document.uri, (None, None))
        return previous.diagnostics() if previous is not None and previous.parses else []
    return linted.diagnostics()


@hookimpl
def pylsp_code_actions(config: Any, workspace: Any, document: Any, range: Dict[str, Any], context: Dict[str, Any]) -> List[Dict[str, Any]]:  # noqa: A002 - pylsp's name
    """The findings' quick fixes, their noqa and fix-all-safe."""
    linted = _findings(config, workspace, document)
    if linted.result.error:
        return []
    return linted.code_actions(range, context.get("diagnostics", ()), context.get("only"))


def _findings(config: Any, workspace: Any, document: Any) -> Any:
    """The lint of the document's current version, linted once per version."""
    from ms_lint.editor_findings import DocumentFindings, document_settings  # the engine loads on first use, not at pylsp's start

    version, known = _last.get(document.uri, (None, None))
    if known is not None and version == document.version and known.source == document.source:
        return known
    options = config.plugin_settings("ms_lint", document_path=document.path)
    settings, problem = document_settings(document.path, options)
    if problem and problem not in _reported:
        _reported.add(problem)
        workspace.show_message("ms-lint: %s" % problem)
    linted = DocumentFindings(document.uri, document.source, document.path, settings)
    if linted.parses or known is None:
        _last[document.uri] = (document.version, linted)
    return linted
