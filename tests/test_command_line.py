"""The command line a ruff user expects: stdin, config per file, .gitignore, selection, and no tracebacks."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

import pytest

from ms_lint.cli import main

TRAPS = "import mindspore.nn as nn\ndrop = nn.Dropout(0.1)\nbn = nn.BatchNorm2d(3, momentum=0.1)\n"
POOL = "import mindspore.nn as nn\npool = nn.MaxPool2d(2)\n"  # MSL123, an opt-in rule


def run(*args, cwd, stdin=None):
    return subprocess.run([sys.executable, "-m", "ms_lint.cli", *map(str, args)], input=stdin, capture_output=True, text=True, cwd=str(cwd))


def codes(*args, cwd, stdin=None):
    done = run("--format=json", "--no-cache", *args, cwd=cwd, stdin=stdin)
    return done.returncode, sorted((i["path"], i["code"]) for i in json.loads(done.stdout or "[]")), done.stderr


def write(root, files):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


# --- stdin ------------------------------------------------------------------------------------
def test_stdin_is_linted_and_named_by_stdin_filename(tmp_path):
    write(tmp_path, {"pyproject.toml": '[tool.ms-lint]\nper-file-ignores = { "tests/*" = ["MSL101"] }\n'})
    assert codes("-", cwd=tmp_path, stdin=TRAPS)[:2] == (1, [("-", "MSL101"), ("-", "MSL111")])
    assert codes("-", "--stdin-filename", "src/m.py", cwd=tmp_path, stdin=TRAPS)[1] == [("src/m.py", "MSL101"), ("src/m.py", "MSL111")]
    assert codes("--stdin-filename", "tests/t.py", cwd=tmp_path, stdin=TRAPS)[1] == [("tests/t.py", "MSL111")]


def test_stdin_filename_finds_the_config_of_its_directory(tmp_path):
    write(tmp_path, {"sub/pyproject.toml": '[tool.ms-lint]\nignore = ["MSL111"]\n'})
    assert codes("-", "--stdin-filename", "sub/m.py", cwd=tmp_path, stdin=TRAPS)[1] == [("sub/m.py", "MSL101")]


def test_fix_with_stdin_prints_the_fixed_source(tmp_path):
    done = run("--fix", "--no-cache", "-", cwd=tmp_path, stdin=TRAPS)  # both fixes are unsafe: held back
    assert (done.returncode, done.stdout) == (1, TRAPS) and "MSL101" in done.stderr and "MSL111" in done.stderr
    done = run("--fix", "--unsafe-fixes", "--no-cache", "-", cwd=tmp_path, stdin=TRAPS)
    assert (done.returncode, done.stdout) == (0, TRAPS.replace("momentum=0.1", "momentum=0.9").replace("Dropout(0.1)", "Dropout(p=0.1)"))
    assert not list(tmp_path.iterdir())


def test_full_and_rdjson_quote_the_source_read_from_stdin(tmp_path):
    source = 'import mindspore.nn as nn\nname = "é"; drop = nn.Dropout(0.1)\n'.encode("utf-8")
    command = [sys.executable, "-m", "ms_lint.cli", "--no-cache", "--stdin-filename", "src/m.py"]  # src/m.py does not exist
    full = subprocess.run(command + ["--format", "full"], input=source, capture_output=True, cwd=str(tmp_path)).stdout.decode("utf-8")
    assert '2 | name = "é"; drop = nn.Dropout(0.1)\n  |                    ^^^^^^^^^^^^^^^ MSL101' in full
    rdjson = json.loads(subprocess.run(command + ["--format", "rdjson"], input=source, capture_output=True, cwd=str(tmp_path)).stdout)
    (diagnostic,) = rdjson["diagnostics"]
    assert diagnostic["location"]["range"]["start"] == {"line": 2, "column": 21}  # UTF-8 bytes: "é" takes two
    assert diagnostic["suggestions"][0]["range"]["start"] == {"line": 2, "column": 32}


def test_stdin_cannot_be_mixed_with_paths(tmp_path):
    done = run("-", "x.py", cwd=tmp_path, stdin="")
    assert done.returncode == 2 and done.stderr.count("\n") == 1


# --- config per file, extend, .gitignore --------------------------------------------------------
def test_each_file_is_judged_by_its_nearest_config(tmp_path):
    write(tmp_path, {"a/pyproject.toml": '[tool.ms-lint]\nignore = ["MSL101"]\n', "a/x.py": TRAPS, "b/x.py": TRAPS,
                     "b/setup.cfg": "[ms-lint]\nignore = MSL111\n", "c/x.py": TRAPS})
    found = codes("a/x.py", "b/x.py", "c/x.py", cwd=tmp_path)[1]
    assert found == [("a/x.py", "MSL111"), ("b/x.py", "MSL101"), ("c/x.py", "MSL101"), ("c/x.py", "MSL111")]
    assert codes(".", cwd=tmp_path)[1] == [("a/x.py", "MSL111"), ("b/x.py", "MSL101"), ("c/x.py", "MSL101"), ("c/x.py", "MSL111")]


def test_extend_takes_the_base_and_overrides_it(tmp_path):
    write(tmp_path, {
        "pyproject.toml": '[tool.ms-lint]\nignore = ["MSL111"]\nextend-select = ["MSL123"]\nexclude = ["gen/g.py"]\n',
        "pkg/pyproject.toml": '[tool.ms-lint]\nextend = "../pyproject.toml"\nignore = ["MSL101"]\n',
        "pkg/m.py": TRAPS + POOL.split("\n", 1)[1], "pkg/gen/g.py": TRAPS,
    })
    # the base's extend-select and exclude (relative to the base's directory: ./gen/g.py, not pkg/gen/g.py) hold; ignore is overridden
    assert codes("pkg", cwd=tmp_path)[1] == [("pkg/gen/g.py", "MSL111"), ("pkg/m.py", "MSL111"), ("pkg/m.py", "MSL123")]
    (tmp_path / "pyproject.toml").write_text('[tool.ms-lint]\nextend = "pkg/pyproject.toml"\n')
    code, _, err = codes("pkg", cwd=tmp_path)
    assert code == 2 and "extends itself" in err and err.count("\n") == 1


def test_gitignore_is_respected_in_walks_but_not_for_named_files(tmp_path):
    write(tmp_path, {".gitignore": "gen/\n*_pb2.py\n", "sub/.gitignore": "!keep_pb2.py\n", "m.py": TRAPS,
                     "gen/g.py": TRAPS, "sub/x_pb2.py": TRAPS, "sub/keep_pb2.py": TRAPS})
    (tmp_path / ".git").mkdir()
    paths = lambda *args: sorted({p for p, _ in codes(*args, cwd=tmp_path)[1]})  # noqa: E731
    assert paths(".") == ["m.py", "sub/keep_pb2.py"]
    assert paths("gen/g.py", "sub") == ["gen/g.py", "sub/keep_pb2.py"]
    assert paths("--no-respect-gitignore", ".") == ["gen/g.py", "m.py", "sub/keep_pb2.py", "sub/x_pb2.py"]
    # a directory named outright is walked although .gitignore lists it; its own .gitignore still holds
    write(tmp_path, {"gen/.gitignore": "skip.py\n", "gen/skip.py": TRAPS, "gen/deep/d.py": TRAPS})
    assert paths("gen") == ["gen/deep/d.py", "gen/g.py"]
    assert paths("gen/deep") == ["gen/deep/d.py"]


def test_gitignore_outside_a_repository_is_not_read(tmp_path):
    write(tmp_path, {".gitignore": "*.py\n", "m.py": TRAPS})
    assert codes(".", cwd=tmp_path)[1] == [("m.py", "MSL101"), ("m.py", "MSL111")]


# --- selection ----------------------------------------------------------------------------------
@pytest.mark.parametrize("args, on", [
    ((), False), (("--select", "MSL"), False), (("--select", "MSL1"), False), (("--select", "ALL"), False),
    (("--extend-select", "MSL"), False), (("--extend-select", "MSL12"), False),
    (("--select", "MSL123"), True), (("--extend-select", "MSL123"), True),
])
def test_a_prefix_never_turns_on_an_opt_in_rule(tmp_path, args, on):
    write(tmp_path, {"m.py": POOL})
    assert codes("--isolated", *args, "m.py", cwd=tmp_path)[1] == ([("m.py", "MSL123")] if on else [])


@pytest.mark.parametrize("line, on", [('select = ["MSL"]', False), ('extend-select = ["MSL1"]', False), ('extend-select = ["MSL123"]', True)])
def test_config_selection_means_the_same(tmp_path, line, on):
    write(tmp_path, {"m.py": POOL, "pyproject.toml": "[tool.ms-lint]\n%s\n" % line})
    assert codes("m.py", cwd=tmp_path)[1] == ([("m.py", "MSL123")] if on else [])


@pytest.mark.parametrize("args, on", [
    ((), False), (("--select", "MSL"), False), (("--extend-select", "MSL"), False), (("--ignore", "E501"), False),
    (("--extend-select", "MSL123"), True), (("--select", "MSL123"), True),
])
def test_flake8_selection_means_the_same(tmp_path, args, on):
    write(tmp_path, {"m.py": POOL})
    out = subprocess.run([sys.executable, "-m", "flake8", "--isolated", *args, "m.py"], capture_output=True, text=True, cwd=str(tmp_path)).stdout
    assert ("MSL123" in out) is on


@pytest.mark.parametrize("args, on", [
    (("--enable=all",), False), (("--disable=all", "--enable=ms-lint-1xx"), False),
    (("--disable=all", "--enable=ms-pool-stride-default"), True), (("--disable=all", "--enable=W5123"), True),
])
def test_pylint_selection_means_the_same(tmp_path, args, on):
    write(tmp_path, {"m.py": POOL})
    command = [sys.executable, "-m", "pylint", "--load-plugins=ms_lint.pylint_plugin", "--score=n", "--rcfile=/dev/null", *args, "m.py"]
    out = subprocess.run(command, capture_output=True, text=True, cwd=str(tmp_path)).stdout
    assert ("W5123" in out) is on


@pytest.mark.parametrize("args, nearest", [(("--select", "MSL999"), None), (("--extend-select", "MSL9"), None), (("--ignore", "MSL10l"), "MSL101")])
def test_an_unknown_code_is_an_error_naming_the_nearest(tmp_path, args, nearest):
    write(tmp_path, {"m.py": TRAPS})
    done = run("--isolated", *args, "m.py", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "nearest: " in done.stderr
    assert nearest is None or nearest in done.stderr


def test_an_unknown_code_in_config_or_flake8_is_an_error(tmp_path):
    write(tmp_path, {"m.py": TRAPS, "pyproject.toml": '[tool.ms-lint]\nextend-select = ["MSL1O1"]\n'})
    done = run("m.py", cwd=tmp_path)
    assert done.returncode == 2 and "extend-select" in done.stderr and done.stderr.count("\n") == 1
    done = subprocess.run([sys.executable, "-m", "flake8", "--isolated", "--select", "MSL999", "m.py"], capture_output=True, text=True, cwd=str(tmp_path))
    assert done.returncode != 0 and "unknown rule code MSL999" in done.stderr and "Traceback" not in done.stderr


def test_msl000_is_listed_but_not_selectable_in_the_cli_and_left_to_flake8(tmp_path):
    """MSL000 is always reported by the CLI, so naming it is an error that says so; flake8 filters it itself."""
    write(tmp_path, {"m.py": TRAPS})
    for args in (("--ignore", "MSL000"), ("--select", "MSL0")):
        done = run("--isolated", *args, "m.py", cwd=tmp_path)
        assert done.returncode == 2 and "always reported" in done.stderr and done.stderr.count("\n") == 1
    flake8 = [sys.executable, "-m", "flake8", "--isolated", "--select", "MSL000,MSL101", "m.py"]
    done = subprocess.run(flake8, capture_output=True, text=True, cwd=str(tmp_path))
    assert done.returncode == 1 and " MSL101 " in done.stdout and done.stderr == ""


# --- config validation --------------------------------------------------------------------------
@pytest.mark.parametrize("content, hint", [
    ("target-version = 2.10", "quote it"), ("select = []", "empty selection"), ('target-version = "3.0"', "newer than the newest"),
])
def test_config_values_that_would_mislead_are_refused(tmp_path, content, hint):
    write(tmp_path, {"m.py": TRAPS, "pyproject.toml": "[tool.ms-lint]\n%s\n" % content})
    done = run("m.py", cwd=tmp_path)
    assert done.returncode == 2 and hint in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize("args", [("--target-version", "3.0"), ("-j", "-1"), ("--select", ""), ("--format", "nonsense")])
def test_nonsense_flags_are_one_line_and_exit_2(tmp_path, args):
    write(tmp_path, {"m.py": TRAPS})
    done = run(*args, "m.py", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr.count("\n")) == (2, "", 1) and done.stderr.startswith("ms-lint: ")


# --- no tracebacks ------------------------------------------------------------------------------
def test_a_closed_pipe_ends_the_run_quietly(tmp_path):
    write(tmp_path, {"m%d.py" % i: TRAPS for i in range(300)})
    process = subprocess.Popen([sys.executable, "-m", "ms_lint.cli", "--no-cache", "."], cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.readline()
    process.stdout.close()
    assert process.wait(timeout=120) == 1
    assert process.stderr.read() == b""


@pytest.mark.parametrize("args", [("--explain", "MSL101"), ("--list-rules",), ("--no-cache", ".")])
def test_a_reader_gone_before_the_first_line_is_quiet(tmp_path, args):
    write(tmp_path, {"m.py": TRAPS})
    read, written = os.pipe()
    os.close(read)
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout a pipe's usual way: written at exit
    process = subprocess.Popen([sys.executable, "-m", "ms_lint.cli", *args], cwd=str(tmp_path), stdout=written, stderr=subprocess.PIPE, env=buffered)
    os.close(written)
    assert process.wait(timeout=120) == 1
    assert process.stderr.read() == b""


def test_links_that_lead_nowhere_are_named(tmp_path):
    write(tmp_path, {"m.py": TRAPS})
    os.symlink("missing.py", tmp_path / "dangling.py")
    os.symlink("loop.py", tmp_path / "loop.py")
    done = run("--no-cache", "dangling.py", "loop.py", "m.py", cwd=tmp_path)
    assert done.returncode == 2 and "MSL101" in done.stdout
    assert done.stderr.splitlines() == ["ms-lint: dangling.py: dangling symbolic link (to missing.py)", "ms-lint: loop.py: symbolic link loop"]
    done = run("--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 2 and "ms-lint: dangling.py: dangling symbolic link" in done.stderr and "ms-lint: loop.py: symbolic link loop" in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_only_regular_files_are_read(tmp_path):
    write(tmp_path, {"m.py": TRAPS})
    os.mkfifo(tmp_path / "pipe.py")
    done = run("--no-cache", ".", cwd=tmp_path)
    assert done.returncode == 1 and done.stderr == "ms-lint: pipe.py: skipped: not a regular file (a FIFO)\n"
    done = run("--no-cache", "pipe.py", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "ms-lint: pipe.py: not a regular file (a FIFO)\n")


def test_an_unreadable_directory_or_config_is_one_line(tmp_path, monkeypatch, capsys):
    """Through the command in-process, with the OS refusing to list one directory and to read one config
    (permissions cannot refuse root; test_unreadable_by_permissions runs the same for other users)."""
    write(tmp_path, {"m.py": TRAPS, "locked/x.py": TRAPS})
    monkeypatch.chdir(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["--no-cache", "--format=json", "."]) == 2
    assert capsys.readouterr().err == "ms-lint: locked: cannot read directory: Permission denied\n"
    write(tmp_path, {"cfg/setup.cfg": "[ms-lint]\n", "cfg/m.py": TRAPS})
    real_read_text = pathlib.Path.read_text

    def read_text(self, *args, **kwargs):
        if self.name == "setup.cfg":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_text(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", read_text)
    assert main(["--no-cache", "cfg/m.py"]) == 2
    assert capsys.readouterr().err == "ms-lint: %s: cannot read: Permission denied\n" % (tmp_path / "cfg" / "setup.cfg")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="permissions do not refuse root")
def test_unreadable_by_permissions(tmp_path):
    write(tmp_path, {"m.py": TRAPS, "locked/x.py": TRAPS, "cfg/setup.cfg": "[ms-lint]\n", "cfg/m.py": TRAPS})
    (tmp_path / "locked").chmod(0)
    (tmp_path / "cfg" / "setup.cfg").chmod(0)
    try:
        done = run("--no-cache", ".", cwd=tmp_path)
        assert done.returncode == 2 and "Traceback" not in done.stderr and "locked: cannot read directory" in done.stderr
        done = run("--no-cache", "cfg/m.py", cwd=tmp_path)
        assert done.returncode == 2 and done.stderr.count("\n") == 1 and "setup.cfg: cannot read" in done.stderr
    finally:
        (tmp_path / "locked").chmod(0o755)
