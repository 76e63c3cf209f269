"""Odd input never crashes ms-lint: one clean message per file, the run goes on, nothing is imported."""
import ast
import os
import subprocess
import sys
import time
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ms_lint.engine import lint_file, lint_source
from ms_lint.engine.settings import Settings
from ms_lint.files import MAX_SOURCE_CHARS
from ms_lint.run.cache import Cache, prune
from ms_lint.run.runner import lint_files

CASES = Path(__file__).parent / "cases"
IMPORTS = (
    "import mindspore\nimport mindspore.nn as nn\nfrom mindspore import ops, Tensor\nfrom mindspore.nn import Dropout as D\n"
    "from mindspore.experimental import optim\nimport torch\n"
)
TRAP = "import mindspore.nn as nn\ndrop = nn.Dropout(0.1)\n"
CALLS = (
    "nn.Dropout({e})", "D(keep_prob={e})", "nn.BatchNorm2d(3, momentum={e})", "nn.Conv2d(3, 8, {e}, padding={e})",
    "nn.Adam({e}, learning_rate={e})", "optim.SGD([{{'params': {e}}}], lr={e})", "ops.dropout({e}, p={e})",
    "class N(nn.Cell):\n    def forward(self, x={e}):\n        return nn.Dense(2, {e})(x).transpose({e}, 0)",
    "Tensor({e}).view({e})", "mindspore.grad({e}, has_aux={e})({e})",
)
ROBUST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
OPTIONS = Settings(extend_select=("MSL",))


def _problem(result) -> str:
    """An internal error is a bug; a syntax error in generated code is the right answer."""
    return result.error if result.error and result.error.startswith("internal error") else ""


@ROBUST
@given(program=hypothesmith.from_grammar(), tail=st.sampled_from(CALLS))
def test_engine_never_fails_on_generated_programs(program, tail):
    call = tail.format(e="x")
    for source in (program, IMPORTS + program + "\n" + call + "\n"):
        assert _problem(lint_source(source, "generated.py", OPTIONS)) == ""


@ROBUST
@given(program=hypothesmith.from_grammar())
def test_engine_never_fails_on_generated_arguments_to_mindspore_calls(program):
    try:
        tree = ast.parse(program)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return  # the grammar can generate code the compiler rejects; the program test covers it
    expressions = [ast.unparse(node) for node in ast.walk(tree) if isinstance(node, ast.expr)][:5]
    source = IMPORTS + "".join(call.format(e="(%s)" % e) + "\n" for call in CALLS for e in expressions)
    assert _problem(lint_source(source, "generated.py", OPTIONS)) == ""


@pytest.mark.parametrize(
    "name, content",
    [
        ("bom.py", b"\xef\xbb\xbf" + TRAP.encode()),
        ("crlf.py", TRAP.replace("\n", "\r\n").encode()),
        ("tabs.py", b"import mindspore.nn as nn\nif True:\n\tdrop = nn.Dropout(0.1)\n"),
        ("cookie.py", b"# -*- coding: latin-1 -*-\nimport mindspore.nn as nn\nx = '\xe9'; drop = nn.Dropout(0.1)\n"),
    ],
)
def test_encodings_and_line_endings_are_read_as_python_reads_them(tmp_path, name, content):
    (tmp_path / name).write_bytes(content)
    result = lint_file(str(tmp_path / name), Settings())
    assert result.error is None and [f.code for f in result.findings] == ["MSL101"]


def test_only_python_line_ends_count():
    """Form feeds and Unicode separators in a comment do not shift lines, columns or `# noqa`."""
    source = TRAP + "# \x0c\x1c\x1e\x85\u2028 separators\nd = nn.Dropout(0.2)  # noqa: MSL101\ne = nn.Dropout(0.3)  # noqa: MSL111\n"
    result = lint_source(source, "separators.py")
    assert result.error is None and [(f.line, f.col) for f in result.findings] == [(2, 7), (5, 4)]


ODD_FILES = {
    "syntax.py": b"import mindspore\ndef f(:\n",
    "nul.py": b"import mindspore\x00\n",
    "latin1.py": b"import mindspore\nx = '\xe9'\n",
    "unknown_cookie.py": b"# coding: no-such-codec\nimport mindspore\n",
    "mixed_tabs.py": b"import mindspore\nif True:\n        x = 1\n\ty = 2\n",
    "nested_parens.py": b"import mindspore\nx = " + b"(" * 1000 + b"1" + b")" * 1000 + b"\n",
    "nested_lists.py": b"import mindspore.nn as nn\nx = nn.Dropout(" + b"[" * 150 + b"]" * 150 + b")\n",
    "long_chain.py": b"import mindspore.nn as nn\nx = nn.Dropout(0.1 " + b"+ 0.1 " * 30000 + b")\n",
    "deep_attributes.py": b"import mindspore.nn as nn\nx = nn" + b".a" * 30000 + b".Dropout(0.1)\n",
}


def test_odd_files_get_one_clean_line_each_and_the_run_goes_on(tmp_path):
    for name, content in ODD_FILES.items():
        (tmp_path / name).write_bytes(content)
    (tmp_path / "huge.py").write_text(TRAP + "x = 1\n" * (MAX_SOURCE_CHARS // 6 + 1))
    (tmp_path / "trap.py").write_text(TRAP)
    done = subprocess.run(
        [sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", "-j", "2", "."],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr
    reported = {line.split(":")[0] for line in done.stderr.splitlines()}
    assert len(done.stderr.splitlines()) == len(reported)  # one line per file
    assert {"syntax.py", "nul.py", "latin1.py", "unknown_cookie.py", "mixed_tabs.py", "nested_parens.py", "huge.py"} <= reported
    assert "./trap.py:2:8: MSL101" in done.stdout or "trap.py:2:8: MSL101" in done.stdout
    assert done.returncode == 2


def test_linting_never_imports_the_code(tmp_path):
    marker = tmp_path / "imported"
    side_effect = "open(%r, 'w').write('yes')\n" % str(marker)
    (tmp_path / "mindspore").mkdir()
    (tmp_path / "mindspore" / "__init__.py").write_text(side_effect)
    (tmp_path / "mindspore" / "nn.py").write_text(side_effect + "class Dropout:\n    pass\n")
    (tmp_path / "victim.py").write_text(side_effect + TRAP + "from victim import drop\n")
    (tmp_path / "conftest.py").write_text(side_effect)
    for command in (
        [sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", "."],
        [sys.executable, "-m", "flake8", "--isolated", "--select", "MSL", "."],
        [sys.executable, "-m", "pylint", "--rcfile=/dev/null", "--load-plugins=ms_lint.pylint_plugin", "--disable=all",
         "--enable=ms-dropout-keep-prob", "victim.py"],
    ):
        done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
        assert "MSL101" in done.stdout or "ms-dropout-keep-prob" in done.stdout, done.stdout + done.stderr
        assert not marker.exists(), command
    assert "victim" not in sys.modules


def test_parallel_and_cached_runs_give_the_serial_results(tmp_path):
    files = sorted(str(p) for p in CASES.glob("*.py"))
    options = Settings(extend_select=("MSL",))
    serial = lint_files(files, options)
    assert lint_files(files, options, jobs=2) == serial
    assert lint_files(files, options, jobs=2, cache_dir=tmp_path) == serial  # cold: lints and stores
    assert lint_files(files, options, cache_dir=tmp_path) == serial  # warm: read back from the cache
    assert len(list(tmp_path.rglob("*.json"))) == len(files)


def test_cache_key_follows_content_path_and_settings(tmp_path):
    cache = Cache(tmp_path, Settings())
    key = cache.key("a.py", b"x")
    assert len({key, cache.key("a.py", b"y"), cache.key("b.py", b"x"), Cache(tmp_path, Settings(ignore=("MSL1",))).key("a.py", b"x")}) == 4
    source = tmp_path / "a.py"
    source.write_text(TRAP)
    first = lint_files([str(source)], Settings(), cache_dir=tmp_path)
    source.write_text(TRAP.replace("0.1", "p=0.1"))
    assert first[0].findings and lint_files([str(source)], Settings(), cache_dir=tmp_path)[0].findings == []


def test_unwritable_cache_is_no_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    (tmp_path / "a.py").write_text(TRAP)
    [result] = lint_files([str(tmp_path / "a.py")], Settings(), cache_dir=blocker)
    assert [f.code for f in result.findings] == ["MSL101"]


def test_cache_prunes_entries_unused_for_a_month_once_a_day(tmp_path):
    (tmp_path / "a.py").write_text(TRAP)
    lint_files([str(tmp_path / "a.py")], Settings(), cache_dir=tmp_path / "cache")
    [used] = (tmp_path / "cache").glob("*/*/*.json")
    stale_version = tmp_path / "cache" / ("0" * 16) / "ab"
    stale_version.mkdir(parents=True)
    stale = stale_version / ("ab" + "0" * 62 + ".json")  # named as ms-lint names its entries
    stale.write_text("{}")
    foreign = tmp_path / "cache" / "notes" / "keep.json"
    foreign.parent.mkdir()
    foreign.write_text("{}")
    month_ago = time.time() - 31 * 24 * 3600
    for path in (used, stale, foreign):
        os.utime(path, (month_ago, month_ago))
    lint_files([str(tmp_path / "a.py")], Settings(), cache_dir=tmp_path / "cache")
    assert used.exists() and stale.exists()  # pruned less than a day ago; the hit refreshed `used`
    prune(tmp_path / "cache", now=time.time() + 2 * 24 * 3600)
    assert used.exists() and foreign.exists()
    assert not stale.exists() and not stale_version.parent.exists()
    prune(tmp_path / "cache", now=time.time() + 40 * 24 * 3600)
    assert not used.exists()
