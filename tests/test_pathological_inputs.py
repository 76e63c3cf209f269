"""Shapes of valid code that once hung or crashed the analysis: each gives its findings, in every front-end."""
import ast
from io import StringIO
from pathlib import Path

import pytest
from pylint.lint import Run
from pylint.reporters.text import TextReporter

from ms_lint.engine import lint_source
from ms_lint.engine.settings import Settings
from ms_lint.flake8_plugin import Plugin

TRAINING = (
    "import mindspore as ms\nfrom mindspore import nn\n\n\n"
    "def validate(model, dataset):\n    return [model(d) for d in dataset]\n\n\n"
)
STEP = "optimizer(grad_fn(data)[1])"


def call_chain(length: int) -> str:
    """f0 calls f1 ... the last evaluates; a training function calls f0 after training."""
    links = "".join("def f%d(model, data):\n    return f%d(model, data)\n\n\n" % (i, i + 1) for i in range(length - 1))
    links += "def f%d(model, data):\n    return validate(model, data)\n\n\n" % (length - 1)
    return TRAINING + links + train_then("f0(net, val_dataset)", ["for data in train_dataset:", "    " + STEP])


def train_then(evaluation: str, body: list) -> str:
    """A training function: a network, an optimizer, set_train(), `body`, then `evaluation`."""
    head = (
        "def train(train_dataset, val_dataset, flag):\n    net = nn.SequentialCell([nn.Dense(4, 4), nn.Dropout(p=0.5)])\n"
        "    optimizer = nn.SGD(net.trainable_params())\n"
        "    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)\n    net.set_train()\n"
    )
    return head + "".join("    " + line + "\n" for line in body) + "    %s  # MSL302\n" % evaluation


def nested(kinds: str, depth: int) -> list:
    """The lines of `depth` nested statements, cycling through `kinds` (f: for, w: while, i: if, t: try)."""
    lines = []
    for level in range(depth):
        kind, pad = kinds[level % len(kinds)], "    " * level
        lines.append(pad + {"f": "for data in train_dataset:", "w": "while flag:", "i": "if flag:", "t": "try:"}[kind])
    lines.append("    " * depth + STEP)
    for level in reversed(range(depth)):
        if kinds[level % len(kinds)] == "t":
            lines.append("    " * level + "except ValueError:\n" + "    " * (level + 1) + "pass")
    return [line for chunk in lines for line in chunk.split("\n")]


CLEAN = {
    "module_global_of_unbound_name": "import mindspore\nglobal print\nprint(1)\n",
    "attribute_assignment_in_nested_class": "import mindspore\nclass A:\n    class B:\n        x.y = 1\n",
}
TRAPS = {
    "call_chain_of_200": call_chain(200),
    **{
        "nested_%s_30" % kinds: TRAINING + train_then("validate(net, val_dataset)", nested(kinds, 30))
        for kinds in ("f", "w", "fiwt")
    },
}


def expected(source: str) -> list:
    return [(n, "MSL302") for n, line in enumerate(source.splitlines(), 1) if line.endswith("# MSL302")]


@pytest.mark.parametrize("name", sorted(CLEAN) + sorted(TRAPS))
def test_engine_and_flake8(name):
    source = CLEAN.get(name) or TRAPS[name]
    result = lint_source(source, name + ".py", Settings())
    assert result.error is None
    assert [(f.line, f.code) for f in result.findings] == expected(source)
    found = Plugin(ast.parse(source), name + ".py", source.splitlines(True)).run()
    assert [(line, message.split()[0]) for line, _, message, _ in found] == expected(source)


def test_pylint(tmp_path):
    sources = {**CLEAN, **TRAPS}
    for name, source in sources.items():
        (tmp_path / (name + ".py")).write_text(source)
    output = StringIO()
    Run(
        sorted(str(p) for p in tmp_path.glob("*.py")) + ["--load-plugins=ms_lint.pylint_plugin", "--disable=all",
         "--enable=ms-internal-error,ms-eval-in-train-mode", "--msg-template={path}:{line}:{symbol}",
         "--rcfile=/dev/null", "--score=n"],
        reporter=TextReporter(output),
        exit=False,
    )
    found = sorted(line.rsplit("/", 1)[-1] for line in output.getvalue().splitlines() if line.startswith("/"))
    want = sorted("%s.py:%d:ms-eval-in-train-mode" % (name, line) for name, s in sources.items() for line, _ in expected(s))
    assert found == want


def test_a_spent_work_budget_silences_the_rule_and_verbose_says_so(tmp_path, monkeypatch, capsys):
    """With no budget the training-mode flow gives up: no finding, no guess, and `-v` names where."""
    from ms_lint.checkers.training_mode import statement_flow
    from ms_lint.cli import main

    target = tmp_path / "loop.py"
    target.write_text((Path(__file__).parent / "cases" / "MSL302_eval_in_train_mode.py").read_text(encoding="utf-8"))
    assert main(["--isolated", "--no-cache", "--format", "json", str(target)]) == 1
    assert "MSL302" in capsys.readouterr().out
    monkeypatch.setattr(statement_flow, "WORK_PER_STATEMENT", 0)
    main(["--isolated", "--no-cache", "-v", "--format", "json", str(target)])
    out, err = capsys.readouterr()
    assert "MSL302" not in out
    assert "MSL302 skipped: the file's work budget for following training modes is spent" in err


def inference_chain(length: int) -> str:
    """g0 calls g1 ... the last calls set_train(False); the training loop calls g0 after each step."""
    links = "".join("def g%d(model):\n    return g%d(model)\n\n\n" % (i, i + 1) for i in range(length - 1))
    links += "def g%d(model):\n    model.set_train(False)\n\n\n" % (length - 1)
    head = train_then("pass", []).replace("    pass  # MSL302\n", "")
    return TRAINING + links + head + "    for data in train_dataset:\n        %s\n        g0(net)  # MSL303\n" % STEP


def nested_evaluation(kinds: str, depth: int) -> str:
    """`depth` nested statements around a training step followed by set_train(False)."""
    lines = nested(kinds, depth)
    index = lines.index("    " * depth + STEP) + 1
    lines[index:index] = ["    " * depth + "net.set_train(False)  # MSL303"]
    return TRAINING + train_then("pass", lines).replace("    pass  # MSL302\n", "")


@pytest.mark.parametrize("source", [inference_chain(200)] + [nested_evaluation(kinds, 30) for kinds in ("f", "w", "fiwt")],
                         ids=["call_chain_of_200", "nested_f_30", "nested_w_30", "nested_fiwt_30"])
def test_training_in_inference_mode_through_deep_shapes(source):
    """MSL303 follows a 200-long call chain and 30 nested loops to their training steps, without recursion."""
    ast.parse(source)
    found = lint_source(source, "deep.py", Settings(select=("MSL303",))).findings
    want = [n for n, line in enumerate(source.splitlines(), 1) if line.endswith("# MSL303")]
    assert [f.line for f in found] == want


def test_a_spent_work_budget_silences_msl303(monkeypatch):
    """With no budget the inference-mode flow gives up: no finding, no guess."""
    from ms_lint.checkers.training_mode import statement_flow

    source = (Path(__file__).parent / "cases" / "MSL303_training_after_evaluation.py").read_text(encoding="utf-8")
    assert lint_source(source, "loop.py", Settings(select=("MSL303",))).findings
    monkeypatch.setattr(statement_flow, "WORK_PER_STATEMENT", 0)
    assert not lint_source(source, "loop.py", Settings(select=("MSL303",))).findings
