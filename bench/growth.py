"""Growth: CPU seconds per unit of synthetic MindSpore modules of growing size, one shape at a time.

`python bench/growth.py` prints, for each shape, the CPU seconds of `lint_source` (parse and every
rule, default and opt-in) per unit at each size, and the largest/smallest ratio of those costs; a
linear analysis keeps the ratio near 1. Sizes stop below the 4 MB a file may hold. Each measurement runs in a fresh process, which also gives
its peak RSS. `--quick` stops each shape at a smaller size; `--shapes` picks some.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Dict, List, Tuple

HEAD = "import mindspore as ms\nfrom mindspore import nn, ops\n\n\n"
BLOCK = '''class Net{i}(nn.Cell):
    def __init__(self, width=16):
        super().__init__()
        self.dense = nn.Dense(width, width)
        self.drop = nn.Dropout(p=0.1)
        self.norm = nn.BatchNorm1d(width, momentum=0.9)
        self.act = nn.ReLU()

    def construct(self, x):
        return self.drop(self.act(self.norm(self.dense(x))))


def train{i}(train_dataset, val_dataset, epochs=2):
    net = Net{i}()
    loss_fn = nn.CrossEntropyLoss()
    optimizer = nn.Adam(net.trainable_params(), learning_rate=1e-3)

    def forward(data, label):
        logits = net(data)
        return loss_fn(logits, label), logits

    grad_fn = ms.value_and_grad(forward, None, optimizer.parameters, has_aux=True)
    for epoch in range(epochs):
        net.set_train()
        for data, label in train_dataset.create_tuple_iterator():
            (loss, _), grads = grad_fn(data, label)
            optimizer(grads)
        net.set_train(False)
        correct = 0
        for data, label in val_dataset.create_tuple_iterator():
            correct += (net(data).argmax(1) == label).sum()
    return correct


'''
BLOCK_LINES = BLOCK.count("\n")
SITE = '''def site{i}(dataset):
    net = nn.Dense(4, 4)
    optimizer = nn.SGD(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    net.set_train()
    for data in dataset:
        optimizer(grad_fn(data)[1])


'''
OPENERS = {"f": "for data in dataset:", "w": "while flag:", "i": "if flag:", "t": "try:"}


def realistic(lines: int) -> str:
    """Cells, constructors, training functions with value_and_grad, loops and set_train."""
    return HEAD + "".join(BLOCK.format(i=i) for i in range(max(1, lines // BLOCK_LINES)))


def training_sites(count: int) -> str:
    """`count` training functions, each building a network and an optimizer and training it."""
    return HEAD + "".join(SITE.format(i=i) for i in range(count))


def nesting(kinds: str) -> Callable[[int], str]:
    """Statements nested `depth` deep, cycling through `kinds`, in a module that calls set_train()."""

    def build(depth: int) -> str:
        lines = ["def train(dataset, flag):", "    net = nn.Dense(4, 4)", "    net.set_train()"]
        for level in range(depth):
            lines.append("    " * (level + 1) + OPENERS[kinds[level % len(kinds)]])
        lines.append("    " * (depth + 1) + "net(data)")
        for level in reversed(range(depth)):
            if kinds[level % len(kinds)] == "t":
                lines += ["    " * (level + 1) + "except ValueError:", "    " * (level + 2) + "pass"]
        lines.append("    net.set_train(False)\n    net(dataset)\n")
        return HEAD + "\n".join(lines)

    return build


def rebound(count: int) -> str:
    """One name rebound `count` times, an optimizer built from it each time."""
    body = "".join(
        "    params = net.trainable_params()\n    params.append(extra)\n    opt{i} = nn.SGD(params, learning_rate=0.1)\n".format(i=i)
        for i in range(count)
    )
    return HEAD + "def build(net, extra):\n" + body


def long_line(count: int) -> str:
    """`count` findings on one line that holds non-ASCII text before them."""
    return HEAD + 'drops = ["préfixe é", ' + ", ".join("nn.Dropout(0.1)" for _ in range(count)) + "]\n"


def left_deep(count: int) -> str:
    """A left-deep `a + a + ...` of `count` terms beside an optimizer."""
    return HEAD + "def step(net, a):\n    opt = nn.SGD(net.trainable_params())\n    loss = " + " + ".join(["a"] * count) + "\n    opt(loss)\n"


def dense_list(lines: int) -> str:
    """A list of `nn.Dense` calls, one per line."""
    return HEAD + "layers = [\n" + "".join("    nn.Dense(%d, %d),\n" % (i % 97 + 1, i % 89 + 1) for i in range(lines)) + "]\n"


# shape -> (builder, unit, sizes, quick sizes)
SHAPES: Dict[str, Tuple[Callable[[int], str], str, List[int], List[int]]] = {
    "realistic module": (realistic, "1k lines", [1000, 10000, 50000, 120000], [1000, 10000, 100000]),
    "training sites": (training_sites, "site", [250, 1000, 4000], [250, 1000, 4000]),
    "nested for": (nesting("f"), "level", [5, 10, 20, 30], [5, 30]),
    "nested while": (nesting("w"), "level", [5, 10, 20, 30], [5, 30]),
    "nested for-if-while-try": (nesting("fiwt"), "level", [5, 10, 20, 30], [5, 30]),
    "one name rebound N times": (rebound, "rebinding", [500, 1000, 2000, 5000], [500, 5000]),
    "findings on one non-ASCII line": (long_line, "finding", [1000, 8000, 32000], [1000, 8000]),
    "left-deep a + a + ...": (left_deep, "term", [500, 1000, 2500], [500, 2500]),
    "list of nn.Dense calls": (dense_list, "1k lines", [10000, 50000, 150000], [10000, 50000]),
}


def measure(shape: str, size: int) -> Tuple[float, float, int, float]:
    """CPU seconds of linting one generated module, its lines, findings and the process's peak RSS (MB)."""
    from ms_lint.engine import lint_source
    from ms_lint.engine.settings import Settings
    from ms_lint.registry import all_rules

    source = SHAPES[shape][0](size)
    settings = Settings(extend_select=tuple(all_rules()))
    start = time.process_time()
    result = lint_source(source, "generated.py", settings)
    cpu = time.process_time() - start
    if result.error:
        raise SystemExit("ms-lint: %s at %d: %s" % (shape, size, result.error))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (2**20 if sys.platform == "darwin" else 1024)
    return cpu, source.count("\n"), len(result.findings), rss


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="stop each shape at a smaller size")
    parser.add_argument("--shapes", help="comma-separated shape names (default: all)")
    args = parser.parse_args(argv)
    chosen = args.shapes.split(",") if args.shapes else list(SHAPES)
    for shape in chosen:
        _, unit, sizes, quick = SHAPES[shape]
        costs = []
        print("%s (CPU seconds per %s):" % (shape, unit))
        for size in quick if args.quick else sizes:
            with ProcessPoolExecutor(max_workers=1) as pool:
                cpu, lines, findings, rss = pool.submit(measure, shape, size).result()
            units = lines / 1000 if unit == "1k lines" else size
            costs.append(cpu / units)
            print("  %8d: %8.3f s total, %.5f per %s, %d lines, %d findings, peak RSS %d MB"
                  % (size, cpu, cpu / units, unit, lines, findings, rss))
        print("  largest/smallest per-%s cost: %.2f" % (unit, costs[-1] / costs[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
