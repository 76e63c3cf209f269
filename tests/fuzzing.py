"""Fuzzing inputs: a hypothesis grammar of MindSpore training code, hypothesmith programs, and a mutator of case files.

`programs()` draws whole modules (Cells with layers, nested classes, loops and branches nested up to
30 deep, `global`/`nonlocal`, call chains and recursion, helpers returning groups or optimizers,
`set_train`, grad transforms, optimizers with parameter groups, loss scalers); `mutate()` makes
seeded random edits to a case file, which keep it parseable most of the time. Used by
tests/test_fuzzing.py and bench/fuzz.py."""
from __future__ import annotations

import ast
import random
import re
from pathlib import Path
from typing import Callable, List, TypeVar

import hypothesmith
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

T = TypeVar("T")
CASES = Path(__file__).parent / "cases"
HEADS = (
    "import mindspore as ms\n", "import mindspore\n", "from mindspore import nn, ops\n", "import mindspore.nn as nn\n",
    "from mindspore import amp, Tensor\n", "from mindspore.experimental import optim\n", "import torch\n",
    "from mindspore.nn import Dropout as D, Adam\n", "import mindspore.ops as ops\n",
)
NAMES = ("net", "model", "x", "optimizer", "opt", "grad_fn", "loss", "data", "params", "groups", "scaler", "self.net", "self.opt")
LAYERS = (
    "nn.Dense(4, 4)", "nn.Dense(16, 10, has_bias=False)", "nn.Conv2d(3, 8, 3)", "nn.Conv2d(3, 8, 3, padding=1)",
    "nn.Conv2d(8, 8, 3, 1, 'same')", "nn.BatchNorm2d(8)", "nn.BatchNorm2d(8, momentum=0.1)", "nn.BatchNorm1d(4, momentum=0.9)",
    "nn.Dropout(0.5)", "nn.Dropout(p=0.2)", "nn.Dropout(keep_prob=0.8)", "D(0.3)", "nn.ReLU()", "nn.MaxPool2d(2)",
    "nn.SequentialCell([nn.Dense(4, 4), nn.Dropout(p=0.1)])", "nn.CellList([nn.Dense(4, 4)])", "torch.nn.Linear(4, 4)",
)
PARAMS = (
    "net.trainable_params()", "model.get_parameters()", "self.trainable_params()", "params", "groups",
    "filter(lambda p: p.requires_grad, net.get_parameters())", "(p for p in net.trainable_params())", "iter(params)",
    "[{'params': net.trainable_params(), 'lr': 0.1}, {'params': filter(lambda p: 'bias' in p.name, net.get_parameters())}]",
    "[{'params': params, 'weight_decay': 0.01}, {'params': params}]", "[{'params': []}]", "[]", "{'params': params}",
    "[{'params': (p for p in params), 'momentum': 0.9}, {'order_params': params}]", "make_groups(net)", "net.parameters()",
)
OPTIMIZERS = (
    "nn.Adam({p}, learning_rate=1e-3)", "nn.Momentum({p}, 0.1, 0.9)", "nn.SGD({p})", "Adam({p}, 0.01)",
    "optim.SGD({p}, lr=0.1)", "optim.Adam({p}, lr=1e-3, weight_decay=0.01)", "nn.AdamWeightDecay({p})",
    "torch.optim.SGD({p}, lr=0.1)", "make_optimizer(net)", "nn.Adam({p}, learning_rate=nn.exponential_decay_lr(0.1, 0.9, 10, 1, 1))",
)
GRADS = (
    "ms.grad({f}, None, {o}.parameters, has_aux={a})", "ms.value_and_grad({f}, None, {o}.parameters, has_aux={a})",
    "mindspore.value_and_grad({f}, grad_position=None, weights={o}.parameters, has_aux={a})",
    "ops.GradOperation(get_by_list=True)({f}, {o}.parameters)", "ops.value_and_grad({f}, None, params)", "ms.grad({f})",
)
SIMPLE = (
    "{n}.set_train()", "{n}.set_train(True)", "{n}.set_train(False)", "{n}.set_train(mode=False)", "{o}(grads)",
    "{o}.step()", "{o}.zero_grad()", "loss.backward()", "(loss, _), grads = grad_fn(data, label)", "loss, grads = grad_fn(data)",
    "grads = grad_fn(data)[1]", "{o}(grad_fn(data)[1])", "scaler = amp.DynamicLossScaler(1024, 2, 1000)", "loss = scaler.scale(loss)",
    "grads = scaler.unscale(grads)", "{o}.param_groups[0]['lr'] = 0.1", "{o}.learning_rate = 0.01", "x = x.view(2, -1)",
    "x = x.transpose(1, 0)", "x = ops.dropout(x, p=0.5)", "x = {n}(data)", "validate({n}, val_dataset)", "pass", "return {n}",
    "yield x", "global {v}", "nonlocal {v}", "break", "continue", "del {v}", "{n}.dropout.p = 0.5", "{n}.bn.momentum = 0.9",
    "groups = make_groups({n})", "fn = lambda d: {n}(d)", "correct += ({n}(data).argmax(1) == label).sum()", "self.helper(x)",
    "{v} = {v} + 1",
)
HEADERS = (
    "for data, label in dataset.create_tuple_iterator():", "for epoch in range(epochs):", "for {v} in {v}:", "while flag:",
    "while True:", "if flag:", "if {n}.training:", "try:", "with ms.no_grad():", "with open(path) as {v}:",
    "async for x in data:", "def step(data, label):", "def forward(data, label):", "class Inner(nn.Cell):", "class Plain:",
    "async def fetch():",
)


def _fill(template: str, draw: Callable) -> str:
    """`template` with its {n} (network), {o} (optimizer), {v} (any name), {p}, {f}, {a} holes drawn."""
    picks = {
        "n": lambda: draw(st.sampled_from(("net", "model", "self", "self.net", "Net0()", "net_list[0]"))),
        "o": lambda: draw(st.sampled_from(("optimizer", "opt", "self.opt", "make_optimizer(net)"))),
        "v": lambda: draw(st.sampled_from(NAMES[:11])),
        "p": lambda: draw(st.sampled_from(PARAMS)),
        "f": lambda: draw(st.sampled_from(("forward", "net", "self.forward", "lambda d: net(d)", "train_step"))),
        "a": lambda: draw(st.sampled_from(("True", "False", "flag"))),
    }
    return re.sub(r"\{(\w)\}", lambda m: picks[m.group(1)](), template)


@st.composite
def assignment(draw: Callable) -> str:
    """One binding of a layer, an optimizer, a grad transform or a parameter group to a name."""
    value = draw(st.sampled_from(("layer", "optimizer", "grad", "params")))
    pool = {"layer": LAYERS, "optimizer": OPTIMIZERS, "grad": GRADS, "params": PARAMS}[value]
    return "%s = %s" % (draw(st.sampled_from(NAMES)), _fill(draw(st.sampled_from(pool)), draw))


@st.composite
def training_statement(draw: Callable) -> str:
    """One training-loop statement."""
    return _fill(draw(st.sampled_from(SIMPLE)), draw)


def simple_statement() -> st.SearchStrategy[str]:
    """One line: a binding or a training-loop statement."""
    return st.one_of(assignment(), training_statement())


def closing(header: str, pad: str, draw: Callable) -> List[str]:
    """What may (or, after `try:`, must) follow a compound statement's body: else, except, finally."""
    if header == "try:":
        options = ("except ValueError:", "finally:", "except (TypeError, KeyError) as error:")
    elif header.startswith(("for ", "while ", "if ", "async for ")):
        options = ("else:", "", "")
    else:
        return []
    chosen = draw(st.sampled_from(options))
    return [pad + chosen, pad + "    " + draw(training_statement())] if chosen else []


@st.composite
def nest(draw: Callable, indent: str) -> List[str]:
    """A chain of up to 30 nested compound statements, each level with some siblings, at `indent`."""
    depth = draw(st.integers(1, 30))
    lines: List[str] = []
    headers = [draw(st.sampled_from(HEADERS)) for _ in range(depth)]
    for level, header in enumerate(headers):
        pad = indent + "    " * level
        lines.extend(pad + s for s in draw(st.lists(simple_statement(), max_size=1)))
        lines.append(pad + _fill(header, draw))
    pad = indent + "    " * depth
    lines.extend(pad + s for s in draw(st.lists(simple_statement(), min_size=1, max_size=3)))
    for level in reversed(range(depth)):
        lines += closing(headers[level], indent + "    " * level, draw)
    return lines


def block(indent: str) -> st.SearchStrategy[List[str]]:
    """Statements at `indent`: simple ones, bushy trees of compound ones (st.recursive), deep chains."""
    @st.composite
    def compound(draw: Callable, inner: st.SearchStrategy[List[str]]) -> List[str]:
        header = draw(st.sampled_from(HEADERS))
        body = ["    " + line for part in draw(st.lists(inner, min_size=1, max_size=3)) for line in part]
        return [_fill(header, draw)] + body + closing(header, "", draw)

    tree = st.recursive(simple_statement().map(lambda s: [s]), compound, max_leaves=8)
    return st.lists(st.one_of(tree, tree, nest("")), min_size=1, max_size=3).map(
        lambda parts: [indent + line for part in parts for line in part])


@st.composite
def cell_class(draw: Callable, index: int, depth: int = 0) -> List[str]:
    """A Cell: __init__ building layers (and an optimizer), construct, methods calling each other, maybe a nested Cell."""
    base = draw(st.sampled_from(("nn.Cell", "nn.Cell", "Net0", "torch.nn.Module", "object", "ms.nn.Cell")))
    lines = ["class Net%d(%s):" % (index, base), "    def __init__(self, width=16):", "        super().__init__()"]
    for name in draw(st.lists(st.sampled_from(("dense", "conv", "bn", "dropout", "inner", "head")), max_size=5)):
        lines.append("        self.%s = %s" % (name, draw(st.sampled_from(LAYERS + ("Net%d()" % (index + 1), "self.build()")))))
    if draw(st.booleans()):
        lines.append("        self.opt = " + _fill(draw(st.sampled_from(OPTIMIZERS)), draw))
    method = draw(st.sampled_from(("construct", "forward", "helper", "build", "train_step")))
    lines += ["", "    def %s(self, x, *args):" % method] + draw(block("        "))
    if draw(st.booleans()):
        lines += ["", "    def helper(self, x):", "        return self.%s(x)" % draw(st.sampled_from(("helper", "construct", "build")))]
    if depth < 3 and draw(st.booleans()):
        lines += ["    " + line for line in draw(cell_class(index + 10, depth + 1))]
    return lines + [""]


@st.composite
def functions(draw: Callable) -> List[str]:
    """Module functions: a call chain (maybe recursive), helpers returning groups or optimizers, a training loop."""
    length = draw(st.integers(1, 60))
    target = draw(st.sampled_from(("validate(model, data)", "f0(model, data)", "train(model, data, flag)", "model(data)")))
    lines = []
    for i in range(length):
        following = "f%d(model, data)" % (i + 1) if i + 1 < length else target
        lines += ["def f%d(model, data):" % i, "    return %s" % following, ""]
    lines += [
        "def make_groups(net):", "    return %s" % _fill(draw(st.sampled_from(PARAMS)), draw), "",
        "def make_optimizer(net):", "    return %s" % _fill(draw(st.sampled_from(OPTIMIZERS)), draw), "",
        "def validate(model, dataset):", "    model.set_train(%s)" % draw(st.sampled_from(("False", "True", ""))),
        "    return [model(d) for d in dataset]", "",
        "def train(net, dataset, flag, epochs=2):", "    " + draw(assignment()), "    " + draw(assignment()),
        "    def forward(data, label):", "        nonlocal net", "        return net(data), data", "",
    ]
    return lines + draw(block("    ")) + ["    f0(net, dataset)", ""]


@st.composite
def training_module(draw: Callable) -> str:
    """A whole module of MindSpore training code."""
    head = "".join(draw(st.lists(st.sampled_from(HEADS), min_size=1, max_size=5, unique=True)))
    items = draw(st.lists(st.sampled_from(("cell", "functions", "statements")), min_size=1, max_size=4))
    lines: List[str] = []
    for index, item in enumerate(items):
        if item == "cell":
            lines += draw(cell_class(index))
        elif item == "functions":
            lines += draw(functions())
        else:
            lines += draw(block(""))
    return head + "\n".join(lines) + "\n"


def spliced_hypothesmith() -> st.SearchStrategy[str]:
    """A hypothesmith program with MindSpore imports before it and a training module after it."""
    return st.tuples(hypothesmith.from_grammar(), training_module()).map(lambda p: "import mindspore\n" + p[0] + "\n" + p[1])


def programs() -> st.SearchStrategy[str]:
    """Generated modules: mostly the training-code grammar, some hypothesmith programs with it spliced in."""
    return st.one_of(training_module(), training_module(), training_module(), spliced_hypothesmith())


def case_files() -> List[Path]:
    """The case files a mutant starts from (not the expected results of --fix)."""
    return sorted(p for p in CASES.glob("*.py") if not p.name.endswith(".fixed.py"))


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _wrap(lines: List[str], rng: random.Random, header: str) -> None:
    start = rng.randrange(len(lines))
    end = min(len(lines), start + rng.randint(1, 12))
    pad = _indent_of(lines[start])
    lines[start:end] = [pad + header] + ["    " + line for line in lines[start:end]]


def _edit(lines: List[str], rng: random.Random) -> None:
    """One random edit of `lines`, in place."""
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    kind = rng.randrange(12)
    if kind == 0:
        del lines[i]
    elif kind == 1:
        lines.insert(i, lines[i])
    elif kind == 2:
        lines[i], lines[j] = lines[j], lines[i]
    elif kind in (3, 4):
        low, high = min(i, j), min(max(i, j), min(i, j) + 10)
        for k in range(low, high + 1):
            lines[k] = "    " + lines[k] if kind == 3 else re.sub(r"^ {1,4}", "", lines[k])
    elif kind == 5:
        names = re.findall(r"[A-Za-z_]\w*", "\n".join(lines)) or ["x"]
        lines[i] = re.sub(r"\b%s\b" % re.escape(rng.choice(names)), rng.choice(names + list(NAMES[:11])), lines[i])
    elif kind == 6:
        lines[i] = re.sub(r"\b\d+(\.\d+)?\b", lambda _: rng.choice(("0", "1", "0.5", "-1", "1e9", "True", "None")), lines[i])
    elif kind == 7:
        _wrap(lines, rng, rng.choice(("for _ in range(2):", "while flag:", "if flag:", "with ms.no_grad():")))
    elif kind == 8:
        _wrap(lines, rng, rng.choice(("class Wrapped:", "class Wrapped(nn.Cell):", "def wrapped(self):")))
    elif kind == 9:
        lines.insert(i, _indent_of(lines[i]) + rng.choice(("global ", "nonlocal ")) + rng.choice(NAMES[:11]))
    elif kind == 10:
        pad = _indent_of(lines[i])
        lines[i:i] = [pad + "class Inner(nn.Cell):", pad + "    class Deeper:", pad + "        x.y = nn.Dropout(0.5)"]
    else:
        lines.insert(i, _indent_of(lines[i]) + rng.choice(SIMPLE).format(n="self", o="self.opt", v="x"))


def _parses(lines: List[str]) -> bool:
    try:
        ast.parse("\n".join(lines))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def mutate(source: str, seed: int) -> str:
    """`source` after one to four seeded random edits; each edit is tried up to three times for one
    that still parses, so most mutants parse and some do not."""
    rng = random.Random(seed)
    lines = source.splitlines() or [""]
    for _ in range(rng.randint(1, 4)):
        for _attempt in range(3):
            edited = list(lines)
            _edit(edited, rng)
            edited = edited or [""]
            if _parses(edited):
                break
        lines = edited
    return "\n".join(lines) + "\n"


def mutants() -> st.SearchStrategy[str]:
    """Mutants of the case files."""
    sources = [p.read_text(encoding="utf-8") for p in case_files()]
    return st.builds(mutate, st.sampled_from(sources), st.integers(0, 2**32))


def each_drawn(strategy: st.SearchStrategy[T], count: int, start: int, consume: Callable[[T], None], chunk: int = 500) -> None:
    """Feeds `count` examples of `strategy`, seeded by `start`, to `consume` as they are drawn (in
    runs of `chunk`, each seeded in turn, which keeps hypothesis's memory of past examples small)."""
    for first in range(0, count, chunk):
        @seed(start * 1_000_003 + first)
        @settings(max_examples=min(chunk, count - first), database=None, deadline=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(strategy)
        def each(example: T) -> None:
            consume(example)

        each()
