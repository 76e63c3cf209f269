"""Config files and suppressions: `[tool.ms-lint]` / `[ms-lint]` for the CLI, flake8's and pylint's own config for theirs."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

TRAPS = "import mindspore.nn as nn\ndrop = nn.Dropout(0.1)\nbn = nn.BatchNorm2d(3, momentum=0.1)\n"


def ms_lint(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "ms_lint.cli", "--format=json", *map(str, args)], capture_output=True, text=True, cwd=str(cwd))
    return done.returncode, sorted((item["path"].replace("\\", "/"), item["code"]) for item in json.loads(done.stdout or "[]")), done.stderr


@pytest.fixture
def project(tmp_path):
    for path in ("src/model.py", "src/legacy/old.py", "tests/test_model.py", "third_party/vendored.py"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(TRAPS)
    return tmp_path


PYPROJECT = """
[tool.ms-lint]
target-version = "2.3"
select = ["MSL1"]
ignore = ["MSL111"]
exclude = ["third_party", "src/legacy/"]
per-file-ignores = { "tests/*" = ["MSL101"] }
"""
SETUP_CFG = """
[ms-lint]
target-version = 2.3
select = MSL1
ignore = MSL111
exclude = third_party, src/legacy/
per-file-ignores =
    tests/*: MSL101
"""


@pytest.mark.parametrize("name, content", [("pyproject.toml", PYPROJECT), ("setup.cfg", SETUP_CFG), ("tox.ini", SETUP_CFG)])
def test_config_is_honoured_from_the_project_dir_a_subdir_and_outside(project, tmp_path_factory, name, content):
    (project / name).write_text(content)
    assert ms_lint(cwd=project)[1] == [("src/model.py", "MSL101")]
    assert ms_lint(cwd=project / "src")[1] == [("model.py", "MSL101")]
    assert ms_lint("..", cwd=project / "src")[1] == [("../src/model.py", "MSL101")]
    assert ms_lint("test_model.py", cwd=project / "tests")[1] == []  # per-file-ignores relative to the config
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert ms_lint(project / "src", cwd=elsewhere)[1] == [((project / "src" / "model.py").as_posix(), "MSL101")]


def test_exclude_applies_to_files_named_outright(project):
    """pre-commit names every staged file; a config exclude must still hold for them."""
    (project / "pyproject.toml").write_text(PYPROJECT)
    assert ms_lint("third_party/vendored.py", "src/legacy/old.py", "src/model.py", cwd=project)[1] == [("src/model.py", "MSL101")]


def test_flags_override_config_and_isolated_ignores_it(project):
    (project / "pyproject.toml").write_text(PYPROJECT)
    assert ms_lint("--ignore", "MSL101", "src", cwd=project)[1] == [("src/model.py", "MSL111")]  # a flag replaces the key
    assert ms_lint("--extend-select", "MSL111", "src/model.py", cwd=project)[1] == [("src/model.py", "MSL101")]  # ignore wins, as in ruff
    assert ms_lint("--isolated", "src/model.py", cwd=project)[1] == [("src/model.py", "MSL101"), ("src/model.py", "MSL111")]


def test_explicit_config_file(project):
    (project / "custom.cfg").write_text("[ms-lint]\nignore = MSL101\n")
    assert ms_lint("--config", project / "custom.cfg", "src/model.py", cwd=project)[1] == [("src/model.py", "MSL111")]


def test_a_file_without_the_section_is_skipped_for_the_next(project):
    (project / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    (project / "setup.cfg").write_text("[ms-lint]\nignore = MSL111\n")
    assert ms_lint("src/model.py", cwd=project)[1] == [("src/model.py", "MSL101")]


@pytest.mark.parametrize(
    "name, content, key",
    [
        ("pyproject.toml", '[tool.ms-lint]\nselect = ["MSL1", "E501"]\n', "select"),
        ("pyproject.toml", "[tool.ms-lint]\nignore = 3\n", "ignore"),
        ("pyproject.toml", '[tool.ms-lint]\ntarget-version = "two"\n', "target-version"),
        ("pyproject.toml", '[tool.ms-lint]\ntarget-version = "0.5"\n', "target-version"),
        ("pyproject.toml", '[tool.ms-lint]\nper-file-ignores = ["tests/*"]\n', "per-file-ignores"),
        ("pyproject.toml", '[tool.ms-lint]\nper-file-ignores = { "tests/*" = ["X1"] }\n', "per-file-ignores"),
        ("pyproject.toml", '[tool.ms-lint]\nexclude = [1]\n', "exclude"),
        ("pyproject.toml", '[tool.ms-lint]\nselct = ["MSL1"]\n', "selct"),
        ("pyproject.toml", "[tool.ms-lint\n", None),
        ("setup.cfg", "[ms-lint]\nextend-select = MSL1;MSL2\n", "extend-select"),
        ("setup.cfg", "[ms-lint]\nper-file-ignores =\n    tests/* MSL101\n", "per-file-ignores"),
        ("tox.ini", "[ms-lint]\ntarget_version = 2.x\n", "target_version"),
        ("tox.ini", "[ms-lint]\nselect = MSL1\nselect = MSL2\n", None),
    ],
)
def test_a_bad_value_is_one_line_naming_the_file_and_key(project, name, content, key):
    (project / name).write_text(content)
    code, found, err = ms_lint("src", cwd=project)
    assert (code, found) == (2, [])
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("ms-lint: %s: " % (project / name))
    if key:
        assert err.startswith("ms-lint: %s: %s: " % (project / name, key))


def test_a_string_is_a_list_in_pyproject_too(project):
    (project / "pyproject.toml").write_text('[tool.ms-lint]\nignore = "MSL111"\n')
    assert ms_lint("src/model.py", cwd=project)[1] == [("src/model.py", "MSL101")]


# --- flake8 and pylint read their own config --------------------------------------------------
def test_flake8_reads_its_own_config(tmp_path):
    (tmp_path / "m.py").write_text(TRAPS)
    (tmp_path / "setup.cfg").write_text("[flake8]\nms-target-version = 1.10\nper-file-ignores =\n    m.py: MSL111\n")
    out = subprocess.run([sys.executable, "-m", "flake8", "m.py"], capture_output=True, text=True, cwd=str(tmp_path)).stdout
    [line] = out.splitlines()
    assert line.startswith("m.py:2:8: MSL101 ") and line.endswith("write `0.9`")  # the 1.x spelling of the fix


def test_pylint_reads_its_own_config(tmp_path):
    (tmp_path / "m.py").write_text(TRAPS)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pylint.main]\nload-plugins = ["ms_lint.pylint_plugin"]\nms-target-version = "1.10"\n'
        '[tool.pylint."messages control"]\ndisable = ["all"]\nenable = ["ms-dropout-keep-prob"]\n'
    )
    out = subprocess.run([sys.executable, "-m", "pylint", "--score=n", "m.py"], capture_output=True, text=True, cwd=str(tmp_path)).stdout
    [line] = [line for line in out.splitlines() if line.startswith("m.py")]
    assert line.startswith("m.py:2:7: W5101: ") and "write `0.9`" in line


# --- suppression, the same in every front-end -------------------------------------------------
SUPPRESSED = (
    "import mindspore.nn as nn\n"
    "a = nn.Dropout(0.1)  # noqa: MSL101\n"
    "b = nn.Dropout(0.1)  # noqa\n"
    "c = nn.Dropout(0.1)  # pylint: disable=ms-dropout-keep-prob\n"
    "# pylint: disable-next=ms-dropout-keep-prob\n"
    "d = nn.Dropout(0.1)\n"
    "e = nn.Dropout(0.1)  # noqa: MSL111\n"
    "f = nn.Dropout(0.1)  # pylint: disable=ms-batchnorm-momentum-inverted\n"
)


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "ms_lint.cli", "--isolated"],
        ["-m", "ms_lint.cli", "--isolated", "--format=github"],
        ["-m", "flake8", "--isolated", "--select=MSL"],
        ["-m", "pylint", "--rcfile=/dev/null", "--load-plugins=ms_lint.pylint_plugin", "--disable=all", "--enable=ms-dropout-keep-prob", "--score=n"],
    ],
    ids=["cli", "cli-github", "flake8", "pylint"],
)
def test_noqa_and_pylint_disable_are_honoured_by_every_front_end(tmp_path, command):
    (tmp_path / "m.py").write_text(SUPPRESSED)
    out = subprocess.run([sys.executable, *command, "m.py"], capture_output=True, text=True, cwd=str(tmp_path)).stdout
    reported = sorted({int(part) for line in out.splitlines() if "m.py" in line for part in _line_number(line)})
    assert reported == [7, 8]


def _line_number(line: str):
    if line.startswith("::"):
        return [line.split(",line=")[1].split(",")[0]]
    return [line.split(":")[1]] if line.startswith("m.py:") else []


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.toml", None, "no such config file"),
        ("other.toml", "[tool.black]\n", "no [tool.ms-lint] section"),
        ("other.cfg", "[flake8]\n", "no [ms-lint] section"),
    ],
)
def test_an_explicit_config_file_must_exist_and_hold_the_section(project, name, content, message):
    if content is not None:
        (project / name).write_text(content)
    code, _, err = ms_lint("--config", name, "src", cwd=project)
    assert code == 2 and err == "ms-lint: %s: %s\n" % (name, message)


def test_an_explicit_toml_config_is_read_as_toml(project):
    (project / "ms-lint.toml").write_text('[tool.ms-lint]\nignore = ["MSL101"]\n')
    assert ms_lint("--config", "ms-lint.toml", "src/model.py", cwd=project)[1] == [("src/model.py", "MSL111")]
