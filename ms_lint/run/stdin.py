"""`ms-lint -`: one source read from stdin, named by `--stdin-filename` for config, per-file-ignores and output."""
from __future__ import annotations

from ms_lint.engine import FileResult, lint_bytes, lint_source
from ms_lint.engine.settings import Settings
from ms_lint.files import decode_source
from ms_lint.fixes import fix_source
from ms_lint.run.fixing import FileFix

STDIN = "-"


def lint_stdin(data: bytes, name: str, settings: Settings) -> FileResult:
    """The findings in the source read from stdin."""
    return lint_bytes(data, name, settings)


def fix_stdin(data: bytes, name: str, settings: Settings, unsafe: bool) -> FileFix:
    """The source read from stdin with its fixes applied (nothing is written)."""
    try:
        original = decode_source(data)
    except (UnicodeDecodeError, SyntaxError, LookupError) as error:
        return FileFix(name, "", "", error="cannot read: %s" % " ".join(str(error).split()))
    result = lint_source(original, name, settings)
    if result.error:
        return FileFix(name, original, original, error=result.error)
    outcome = fix_source(original, result.findings, lambda source: lint_source(source, name, settings).findings, unsafe)
    return FileFix(name, original, outcome.source, outcome.applied, refused=outcome.error)
