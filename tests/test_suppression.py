"""File-level noqa and pylint's block-scoped pragmas: the same findings from the CLI, flake8 and pylint."""
import subprocess
import sys

import pytest

FRONT_ENDS = {
    "cli": ["-m", "ms_lint.cli", "--isolated"],
    "cli-json": ["-m", "ms_lint.cli", "--isolated", "--format=json-lines"],
    "flake8": ["-m", "flake8", "--isolated", "--select=MSL"],
    "pylint": ["-m", "pylint", "--rcfile=/dev/null", "--load-plugins=ms_lint.pylint_plugin", "--disable=all",
               "--enable=ms-dropout-keep-prob,ms-batchnorm-momentum-inverted", "--score=n"],
}
DROP, NORM = "nn.Dropout(0.1)", "nn.BatchNorm2d(3, momentum=0.1)"


def reported(tmp_path, front_end, source, *extra):
    """(line, code) of every ms-lint finding a front-end reports for m.py."""
    (tmp_path / "m.py").write_text(source)
    done = subprocess.run([sys.executable, *FRONT_ENDS[front_end], *extra, "m.py"], capture_output=True, text=True, cwd=str(tmp_path))
    assert "Traceback" not in done.stderr
    found = set()
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            found.add((int(line.split('"line": ')[1].split(",")[0]), line.split('"code": "')[1][:6]))
        elif line.startswith("m.py:"):
            code = next(word for word in line.split() if word.rstrip(":") in ("MSL101", "MSL111", "W5101", "W5111"))
            found.add((int(line.split(":")[1]), {"W5101": "MSL101", "W5111": "MSL111"}.get(code.rstrip(":"), code)))
    return sorted(found)


def module(*lines):
    return "import mindspore.nn as nn\n" + "".join(line + "\n" for line in lines)


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
@pytest.mark.parametrize(
    "comment, left",
    [
        ("# ms-lint: noqa", []),
        ("# MS-LINT: NOQA", []),
        ("# ms-lint: noqa: MSL101", [(4, "MSL111")]),
        ("# ms-lint: noqa: MSL1", []),
        ("# ms-lint: noqa: MSL111, MSL999", [(3, "MSL101")]),
        ("# flake8: noqa", []),
        ("# flake8: noqa: MSL111", []),  # flake8 skips the whole file: the codes are not read
        ("# flake8= NOQA", []),
        ("x = 1  # flake8: noqa", [(3, "MSL101"), (4, "MSL111")]),  # not on its own line: flake8 ignores it
        ("#flake8: noqa", [(3, "MSL101"), (4, "MSL111")]),  # flake8 wants `# flake8`
    ],
)
def test_file_level_noqa(tmp_path, front_end, comment, left):
    assert reported(tmp_path, front_end, module(comment, "a = " + DROP, "b = " + NORM)) == left


def test_flake8_disable_noqa_turns_file_level_noqa_off(tmp_path):
    source = module("# ms-lint: noqa", "a = " + DROP)
    assert reported(tmp_path, "flake8", source) == []
    assert reported(tmp_path, "flake8", source, "--disable-noqa") == [(3, "MSL101")]


SCOPED = module(
    "",
    "def f():",
    "    a = " + DROP,  # 4
    "    # pylint: disable=ms-dropout-keep-prob",
    "    b = " + DROP,
    "    if a:",
    "        c = " + DROP,
    "        # pylint: enable=ms-dropout-keep-prob",
    "        d = " + DROP,  # 10: enabled again until the end of the `if`
    "    e = " + DROP,  # 11: the function's disable holds again
    "    return b, c, d, e, " + NORM,  # 12: another message
    "",
    "g = " + DROP,  # 14: the function's scope ended
    "",
    "class K:",
    "    # pylint: disable=W5101",
    "    h = " + DROP,
    "",
    "i = " + DROP,  # 20
    "try:",
    "    # pylint: disable=ms-dropout-keep-prob, ms-batchnorm-momentum-inverted",
    "    j = " + DROP + ", " + NORM,
    "except ValueError:",
    "    k = " + DROP,  # the `try` statement's block covers its handlers
    "# pylint: disable=ms-dropout-keep-prob",
    "m = " + DROP,
    "def q():",
    "    # pylint: enable=ms-dropout-keep-prob",
    "    return " + DROP,  # 30
    "n = " + DROP + ", " + NORM,  # 31
)


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_pylint_pragmas_on_their_own_line_hold_for_the_enclosing_block(tmp_path, front_end):
    expected = [(4, "MSL101"), (10, "MSL101"), (12, "MSL111"), (14, "MSL101"), (20, "MSL101"), (30, "MSL101"), (31, "MSL111")]
    assert reported(tmp_path, front_end, SCOPED) == expected


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_a_trailing_pylint_pragma_holds_for_its_line_only(tmp_path, front_end):
    pragma = "  # pylint: disable=ms-dropout-keep-prob"
    source = module("def f():" + pragma, "    return " + DROP, "x = " + DROP + pragma, "y = " + DROP)
    assert reported(tmp_path, front_end, source) == [(3, "MSL101"), (5, "MSL101")]


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
@pytest.mark.parametrize("comment", ["    # pylint: skip-file", "    # pylint: disable=all", "    x = 1  # pylint: disable=W0611, all"])
def test_pylint_skip_file_and_disable_all_skip_the_whole_file(tmp_path, front_end, comment):
    """pylint reads `disable=all`, on its own line or not, as the old spelling of `skip-file`."""
    assert reported(tmp_path, front_end, module("a = " + DROP, "def f():", comment, "    return 1", "b = " + NORM)) == []


@pytest.mark.parametrize("front_end", sorted(FRONT_ENDS))
def test_disable_next_all_is_one_line(tmp_path, front_end):
    source = module("# pylint: disable-next=all", "a = " + DROP, "b = " + DROP)
    assert reported(tmp_path, front_end, source) == [(4, "MSL101")]
