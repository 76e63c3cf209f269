"""CI hooks: pre-commit installs ms-lint from a hook repository and runs both hooks for real."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pre_commit", reason="pre-commit is not installed (tox env `tests` installs it)")
if shutil.which("git") is None:
    pytest.skip("git is not installed: pre-commit needs it to clone a hook repository", allow_module_level=True)
REPO = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("setup.py", "README.md", ".pre-commit-hooks.yaml", "ms_lint", "docs")
TRAP = "import mindspore.nn as nn\ndrop = nn.Dropout(0.1)\n"


def git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=str(cwd), env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This project as a hook repository: a git repo holding the source tree, as users reference it."""
    root = tmp_path_factory.mktemp("hook-repo")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(source, root / name)
    git("init", "-q", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "hooks", cwd=root)
    return root


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory):
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def user_repo(tmp_path):
    git("init", "-q", cwd=tmp_path)
    (tmp_path / "model.py").write_text(TRAP)
    (tmp_path / "vendored.py").write_text(TRAP)
    (tmp_path / "pyproject.toml").write_text('[tool.ms-lint]\ntarget-version = "2.3"\nexclude = ["vendored.py"]\n')
    git("add", "-A", cwd=tmp_path)
    return tmp_path


def pre_commit(*args, cwd, home):
    env = dict(os.environ, PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never")
    env.pop("PYTHONPATH", None)  # the hook must run from the environment pre-commit built
    done = subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=str(cwd), env=env, capture_output=True, text=True, timeout=900)
    return done.returncode, done.stdout + done.stderr


def test_try_repo_runs_the_hook(hook_repo, user_repo, pre_commit_home):
    code, output = pre_commit("try-repo", str(hook_repo), "ms-lint", "--all-files", cwd=user_repo, home=pre_commit_home)
    assert code == 1, output
    assert "model.py:2:8: MSL101 " in output and "Failed" in output
    assert "vendored.py" not in output.split("ms-lint", 2)[-1]  # the project's exclude holds for named files


def test_fixing_hook_with_unsafe_fixes_then_the_check_passes(hook_repo, user_repo, pre_commit_home):
    rev = git("rev-parse", "HEAD", cwd=hook_repo)
    (user_repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        "  - repo: %s\n"
        "    rev: %s\n"
        "    hooks:\n"
        "      - id: ms-lint-fix\n"
        "        args: [--unsafe-fixes]\n"
        "      - id: ms-lint\n" % (hook_repo.as_posix(), rev)
    )
    git("add", "-A", cwd=user_repo)
    code, output = pre_commit("run", "--all-files", cwd=user_repo, home=pre_commit_home)
    assert code == 1 and "files were modified by this hook" in output, output
    assert (user_repo / "model.py").read_text() == TRAP.replace("Dropout(0.1)", "Dropout(p=0.1)")
    assert (user_repo / "vendored.py").read_text() == TRAP
    code, output = pre_commit("run", "--all-files", cwd=user_repo, home=pre_commit_home)
    assert code == 0, output
