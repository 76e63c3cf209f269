"""The ms-lint command: exit codes, output contracts, and bad input without tracebacks."""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ms_lint.registry import all_rules, listed_rules

EXAMPLE = Path(__file__).parent.parent / "examples" / "ported_resnet.py"
TRAP = "import mindspore.nn as nn\ndrop = nn.Dropout(0.1)\n"


def ms_lint(*args, cwd=None):
    """Run the installed command (from outside the source tree, so the installed package is used)."""
    cwd = cwd or tempfile.gettempdir()
    return subprocess.run([sys.executable, "-m", "ms_lint.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def test_clean_file_exits_0(tmp_path):
    (tmp_path / "ok.py").write_text("import mindspore.nn as nn\ndrop = nn.Dropout(p=0.1)\n")
    done = ms_lint("--isolated", tmp_path / "ok.py")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_findings_exit_1_with_flake8_style_lines(tmp_path):
    (tmp_path / "bad.py").write_text(TRAP)
    done = ms_lint("--isolated", "bad.py", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith("bad.py:2:8: MSL101 nn.Dropout reads its first argument as keep_prob")


def test_json_contract(tmp_path):
    (tmp_path / "bad.py").write_text(TRAP)
    [item] = json.loads(ms_lint("--isolated", "--format", "json", "bad.py", cwd=tmp_path).stdout)
    assert set(item) == {"code", "name", "path", "line", "column", "end_line", "end_column", "message", "severity", "fix"}
    assert (item["code"], item["name"], item["path"]) == ("MSL101", "dropout-keep-prob", "bad.py")
    assert (item["line"], item["column"], item["end_line"], item["end_column"]) == (2, 8, 2, 23)
    assert item["fix"]["applicability"] == "unsafe"
    assert item["fix"]["edits"] == [{"line": 2, "column": 19, "end_line": 2, "end_column": 22, "content": "p=0.1"}]


def test_columns_count_characters_not_bytes(tmp_path):
    (tmp_path / "u.py").write_text("import mindspore.nn as nn\nλ = 'é'; d = nn.Dropout(0.1)\n", encoding="utf-8")
    [item] = json.loads(ms_lint("--isolated", "--format", "json", "u.py", cwd=tmp_path).stdout)
    assert item["column"] == len("λ = 'é'; d = ") + 1


def test_list_rules_json():
    rules = json.loads(ms_lint("--list-rules", "--format", "json").stdout)
    assert [r["code"] for r in rules] == sorted(listed_rules()) == ["MSL000", *sorted(all_rules())]
    assert {"MSL101", "MSL111"} <= {r["code"] for r in rules}
    assert set(rules[0]) == {"code", "name", "summary", "default_enabled", "fix"}


def test_explain_prints_the_packaged_docs_page():
    done = ms_lint("--explain", "msl101")
    assert done.returncode == 0 and done.stdout.startswith("# MSL101 dropout-keep-prob")
    assert ms_lint("--explain", "MSL999").returncode == 2


def test_select_ignore_and_noqa(tmp_path):
    (tmp_path / "bad.py").write_text(TRAP + "other = nn.Dropout(0.2)  # noqa: MSL101\n")
    assert ms_lint("--isolated", "--ignore", "MSL1", "bad.py", cwd=tmp_path).returncode == 0
    assert ms_lint("--isolated", "--select", "MSL111", "bad.py", cwd=tmp_path).returncode == 0
    done = ms_lint("--isolated", "bad.py", cwd=tmp_path)
    assert [line.split(":")[1] for line in done.stdout.splitlines() if "MSL101" in line] == ["2"]


def test_target_version_changes_the_fix(tmp_path):
    (tmp_path / "bad.py").write_text(TRAP)
    [item] = json.loads(ms_lint("--isolated", "--format", "json", "--target-version", "1.10", "bad.py", cwd=tmp_path).stdout)
    assert item["fix"]["edits"][0]["content"] == "0.9"


def test_targets_from_1_5_are_accepted_and_older_ones_refused(tmp_path):
    (tmp_path / "bad.py").write_text(TRAP)
    assert ms_lint("--isolated", "--target-version", "1.5", "bad.py", cwd=tmp_path).returncode == 1
    refused = ms_lint("--isolated", "--target-version", "1.4", "bad.py", cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "ms-lint: --target-version: target-version 1.4 is older than the oldest supported (1.5)"]


def test_config_target_version_and_flag_precedence(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ms-lint]\ntarget-version = "1.10"\n')
    (tmp_path / "bad.py").write_text(TRAP)
    [item] = json.loads(ms_lint("--format", "json", "bad.py", cwd=tmp_path).stdout)
    assert item["fix"]["edits"][0]["content"] == "0.9"
    [item] = json.loads(ms_lint("--format", "json", "--target-version", "2.3", "bad.py", cwd=tmp_path).stdout)
    assert item["fix"]["edits"][0]["content"] == "p=0.1"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("syntax.py", b"import mindspore\ndef f(:\n", "syntax error at 2:"),
        ("latin1.py", b"import mindspore\nx = '\xe9'\n", "cannot read:"),
        ("nul.py", b"import mindspore\x00\n", "cannot"),
    ],
)
def test_unreadable_files_get_one_line_and_exit_2(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "bad.py").write_text(TRAP)
    done = ms_lint("--isolated", name, "bad.py", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(name + ": " + message)
    assert "Traceback" not in done.stderr
    assert "MSL101" in done.stdout  # the run went on


def test_empty_file_empty_directory_and_missing_path(tmp_path):
    (tmp_path / "empty.py").write_text("")
    assert ms_lint("--isolated", "empty.py", cwd=tmp_path).returncode == 0
    (tmp_path / "nothing").mkdir()
    done = ms_lint("--isolated", "nothing", cwd=tmp_path)
    assert done.returncode == 0 and "no Python files" in done.stderr
    done = ms_lint("--isolated", "missing.py", cwd=tmp_path)
    assert done.returncode == 2 and done.stderr.strip() == "ms-lint: missing.py: no such file or directory"


def test_bad_config_value_is_one_line_naming_file_and_key(tmp_path):
    (tmp_path / "setup.cfg").write_text("[ms-lint]\nselect = MSL1,bogus\n")
    (tmp_path / "bad.py").write_text(TRAP)
    done = ms_lint("bad.py", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().startswith("ms-lint: %s: select:" % (tmp_path / "setup.cfg"))


def test_bundled_example_has_findings():
    done = ms_lint("--isolated", EXAMPLE)
    assert done.returncode == 1 and {"MSL101", "MSL111"} <= set(done.stdout.split())


def test_every_rule_page_is_reachable_from_explain():
    """From outside the source tree, so an installed package must ship the pages."""
    codes = sorted(listed_rules())
    script = "import sys\nfrom ms_lint.cli import main\nfor code in sys.argv[1:]:\n    print('=== %s %d' % (code, main(['--explain', code])))"
    done = subprocess.run([sys.executable, "-c", script, *codes], capture_output=True, text=True, cwd=tempfile.gettempdir())
    pages = re.split(r"(?m)^=== MSL\d{3} 0\n", done.stdout)
    assert len(pages) == len(codes) + 1, done.stderr
    for code, page in zip(codes, pages):
        assert page.startswith("# %s %s" % (code, listed_rules()[code].name)), "no documentation page for %s" % code


REPO = Path(__file__).resolve().parent.parent


def _documented_blocks():
    """(page, language, text) of every fenced code block in README.md and docs/*.md."""
    for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        for language, body in re.findall(r"(?ms)^```(\w*)\n(.*?)^```", page.read_text(encoding="utf-8")):
            yield page.name, language, body


def test_every_documented_ms_lint_command_parses():
    from ms_lint.cli import parser

    commands = []
    for page, _, body in _documented_blocks():
        for line in body.replace(">\n", "\n").splitlines():
            command = re.sub(r"^\s*(?:- )?(?:run: )?", "", line)
            if command.startswith("ms-lint "):
                command = re.split(r"\s+(?:#|\||>)\s", command)[0]
                commands.append((page, re.sub(r"\[[^\]]*\]", "", command)))
    assert len(commands) > 10
    for page, command in commands:
        try:
            parser().parse_args(shlex.split(command)[1:])
        except SystemExit:
            pytest.fail("%s: `%s` does not parse" % (page, command))


def test_documented_yaml_parses_and_names_real_hooks():
    yaml = pytest.importorskip("yaml")
    hooks = {hook["id"] for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert hooks == {"ms-lint", "ms-lint-fix"}
    blocks = [yaml.safe_load(body) for _, language, body in _documented_blocks() if language == "yaml"]
    assert blocks
    used = {hook["id"] for block in blocks if "repos" in block for repo in block["repos"] for hook in repo["hooks"]}
    assert used and used <= hooks


def _tox_environments():
    """Every environment tox.ini defines, generative sections (`drift-ms{2.0,2.7}`) expanded."""
    import configparser
    import itertools

    config = configparser.ConfigParser(interpolation=None)
    config.read(REPO / "tox.ini", encoding="utf-8")
    names = set(re.split(r"[\s,]+", config.get("tox", "env_list")))
    for section in config.sections():
        if section.startswith("testenv:"):
            parts = re.split(r"\{([^}]*)\}", section[len("testenv:"):])
            choices = [[part] if i % 2 == 0 else part.split(",") for i, part in enumerate(parts)]
            names |= {"".join(combo) for combo in itertools.product(*choices)}
    return names - {""}


def test_every_documented_tox_environment_exists():
    defined = _tox_environments()
    named = set()
    for page, _, body in _documented_blocks():
        for match in re.finditer(r"\btox (?:run )?-e ([\w.,{}-]+)", body):
            named |= {(page, env) for env in match.group(1).split(",")}
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    named |= {(".ci/run", env) for match in re.finditer(r"\btox run -e ([\w.,-]+)", ci) for env in match.group(1).split(",")}
    assert {"tests", "oracle", "py39-oldest", "py313-newest", "drift-ms2.0", "bench"} <= defined
    assert len(named) > 5
    assert [(page, env) for page, env in sorted(named) if env not in defined] == []


def test_only_regular_files_are_read(tmp_path):
    """A FIFO would block the open, /dev/zero never ends: a walk skips each with one line; named
    outright, each is one line and exit 2; the run goes on."""
    os.mkfifo(str(tmp_path / "pipe.py"))
    (tmp_path / "zero.py").symlink_to("/dev/zero")
    (tmp_path / "bad.py").write_text(TRAP)
    for paths, code, problem in (([".",], 1, "skipped: not a regular file"), (["pipe.py", "zero.py", "bad.py"], 2, "not a regular file")):
        done = subprocess.run([sys.executable, "-m", "ms_lint.cli", "--isolated", *paths], capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert done.returncode == code and "MSL101" in done.stdout
        assert sorted(done.stderr.splitlines()) == [
            "ms-lint: pipe.py: %s (a FIFO)" % problem,
            "ms-lint: zero.py: %s (a character device)" % problem,
        ]


def test_the_size_limit_holds_before_reading(tmp_path):
    import resource  # POSIX only, like the FIFO above

    with open(tmp_path / "huge.py", "wb") as stream:  # sparse: 2 GB on paper, nothing on disk
        stream.write(TRAP.encode())
        stream.truncate(2 << 30)
    (tmp_path / "bad.py").write_text(TRAP)
    memory = (1 << 30, 1 << 30)  # less than the file: reading it whole would fail
    done = subprocess.run([sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", "huge.py", "bad.py"], cwd=tmp_path,
                          capture_output=True, text=True, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, memory))
    assert done.returncode == 2 and "MSL101" in done.stdout
    assert done.stderr == "huge.py: not checked: 2048.0 MB of code, more than the 4 MB ms-lint reads in one file\n"
