"""MSL407: torch.manual_seed, torch.cuda.manual_seed_all, mindspore.manual_seed or numpy.random.seed
leave MindSpore's global seed unset: two runs of one script draw different ops.rand values, Dropout
masks and nn.Dense initial weights. ms-lint's fix (mindspore.set_seed beside the call) makes them repeat.
Each run is a fresh interpreter: the seed state of this one (conftest seeds it) must not leak in."""
import importlib
import json
import subprocess
import sys
import textwrap

import pytest
from conftest import codes, fixed

from ms_lint.facts import load_facts

SEEDING = load_facts().seeding

# What a script drew, printed as JSON by the interpreter that ran it.
DRAW = """
import json
import numpy as np
import mindspore as _ms
from mindspore import nn as _nn, ops as _ops
_x = _ops.ones((4, 16), _ms.float32)
_drop = _nn.Dropout(p=0.5)
_drop.set_train(True)
print(json.dumps({
    "ops.rand": _ops.rand(2, 8).asnumpy().tolist(),
    "ops.dropout": _ops.dropout(_x, p=0.5).asnumpy().tolist(),
    "nn.Dropout": _drop(_x).asnumpy().tolist(),
    "nn.Dense": _nn.Dense(16, 4).weight.value().asnumpy().tolist(),
}))
"""

TORCH_SEEDED = """
import random
import mindspore as ms
import numpy as np
import torch
from mindspore import nn


def seed_everything(seed):
    random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)


seed_everything(7)
net = nn.Dense(2, 2)
"""

TORCH_CUDA_ONLY = """
import mindspore as ms
import torch
from mindspore import nn

torch.cuda.manual_seed_all(7)
net = nn.Dense(2, 2)
"""

MINDSPORE_MANUAL = """
import mindspore as ms
from mindspore import nn

ms.manual_seed(7)
"""

MINDSPORE_MANUAL_NO_ALIAS = """
from mindspore import manual_seed, nn

manual_seed(7)
"""

NUMPY_HELPER = """
import random
import mindspore as ms
import numpy as np
from mindspore import nn


def set_random_seed(seed):
    random.seed(seed)
    np.random.seed(seed)


set_random_seed(7)
net = nn.Dense(2, 2)
"""

TRAPS = {"torch": TORCH_SEEDED, "torch.cuda": TORCH_CUDA_ONLY, "mindspore.manual_seed": MINDSPORE_MANUAL,
         "manual_seed imported": MINDSPORE_MANUAL_NO_ALIAS, "numpy helper": NUMPY_HELPER}
SOURCES = ["ops.rand", "ops.dropout", "nn.Dropout", "nn.Dense"]


def draw(script: str) -> dict:
    """What the script (then DRAW) drew, in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(script) + DRAW], capture_output=True, text=True,
                          timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def repeated(script: str) -> dict:
    """Per source, whether two runs of the script drew the same numbers."""
    first, second = draw(script), draw(script)
    return {source: first[source] == second[source] for source in SOURCES}


@pytest.mark.parametrize("trap", sorted(TRAPS))
def test_the_seeding_call_leaves_mindspore_unseeded_and_the_fix_seeds_it(trap):
    script = TRAPS[trap]
    assert "MSL407" in codes(script)
    runs = repeated(script)
    if trap == "numpy helper":  # the initializers draw from numpy: only the weights repeat
        assert runs == {"ops.rand": False, "ops.dropout": False, "nn.Dropout": False, "nn.Dense": True}
    else:
        assert runs == dict.fromkeys(SOURCES, False)
    repaired = fixed(script, "MSL407")
    assert "set_seed(" in repaired
    assert "MSL407" not in codes(repaired)
    assert repeated(repaired) == dict.fromkeys(SOURCES, True)


def test_nothing_seeded_differs_between_runs():
    """The baseline: the differences above are not a property of the script's seeding call alone."""
    assert repeated("import mindspore\n") == dict.fromkeys(SOURCES, False)


def test_set_seed_does_not_seed_the_default_generator():
    """Why the fix keeps mindspore.manual_seed: set_seed leaves the Generator manual_seed seeds as it was."""
    script = "import mindspore\nmindspore.set_seed(7)\nprint(mindspore.initial_seed())\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.strip().splitlines()[-1] == "0"
    script = "import mindspore\nmindspore.manual_seed(7)\nprint(mindspore.initial_seed())\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.strip().splitlines()[-1] == "7"


LOOK_ALIKES = {
    "set_seed after": MINDSPORE_MANUAL + "ms.set_seed(7)\n",
    "set_seed before": "import mindspore\nimport torch\nmindspore.set_seed(7)\ntorch.manual_seed(7)\nnet = mindspore.nn.Dense(2, 2)\n",
    "trains with torch": "import mindspore\nimport torch\ntorch.manual_seed(7)\nref = torch.nn.Linear(2, 2)\nnet = mindspore.nn.Dense(2, 2)\n",
}


@pytest.mark.parametrize("case", sorted(LOOK_ALIKES))
def test_look_alikes_are_not_reported(case):
    assert "MSL407" not in codes(LOOK_ALIKES[case])


def test_set_seed_present_makes_the_runs_repeat():
    assert repeated(LOOK_ALIKES["set_seed after"]) == dict.fromkeys(SOURCES, True)


@pytest.mark.parametrize("qualname", sorted(SEEDING.global_seed | set(SEEDING.calls) | SEEDING.generator_draws))
def test_the_seeding_table_names_functions_that_exist(qualname):
    module, name = qualname.rsplit(".", 1)
    assert callable(getattr(importlib.import_module(module), name))
