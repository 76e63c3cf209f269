"""MSL242: a dynamic learning rate shorter than the loop raises at the first step past its end; one
entry per step (total_step = epochs * steps per epoch) trains to the end."""
import inspect

import pytest
from conftest import codes, findings, run

from ms_lint.facts import load_facts

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

EPOCHS = 2
STEPS_PER_EPOCH = 3
w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
lr = nn.cosine_decay_lr(0.01, 0.1, STEPS_PER_EPOCH, STEPS_PER_EPOCH, 1)
opt = nn.SGD([w], learning_rate=lr)
taken = 0
for epoch in range(EPOCHS):
    for step in range(STEPS_PER_EPOCH):
        opt((ms.Tensor(np.ones(2, np.float32)),))
        taken += 1
"""

FIX = TRAP.replace("cosine_decay_lr(0.01, 0.1, STEPS_PER_EPOCH,", "cosine_decay_lr(0.01, 0.1, EPOCHS * STEPS_PER_EPOCH,")


def test_trap_raises_after_the_schedule_ends_and_is_reported():
    assert codes(TRAP) == {"MSL242"}
    (finding,) = findings(TRAP)
    assert "make the total_step of `nn.cosine_decay_lr` (now `STEPS_PER_EPOCH`) EPOCHS * STEPS_PER_EPOCH" in finding.message
    namespace = {}
    with pytest.raises(RuntimeError, match=r"'input_indices' should be in the range \[0, 3\), but got 3"):
        exec(compile(TRAP, "trap.py", "exec"), namespace)  # noqa: S102
    assert namespace["taken"] == 3  # three steps trained, the fourth raised


def test_the_messages_fix_trains_every_step_and_is_not_reported():
    assert codes(FIX) == set()
    assert run(FIX)["taken"] == 6


def test_each_dynamic_lr_function_is_as_long_as_its_facts_say():
    import mindspore as ms

    facts = load_facts()
    values = {"milestone": [2, 5, 7], "learning_rates": [0.1, 0.05, 0.01], "total_step": 11, "step_per_epoch": 3,
              "decay_epoch": 2, "warmup_epoch": 2, "power": 0.5, "decay_rate": 0.9, "learning_rate": 0.1,
              "min_lr": 0.01, "max_lr": 0.1, "end_learning_rate": 0.01}
    measured = [e for e in facts.entries.values() if "dynamic-lr" in e.traits]
    assert measured and all(e.length for e in measured)
    for entry in measured:
        function = getattr(ms.nn, entry.short_name)
        arguments = {p: values[p] for p in inspect.signature(function).parameters if p in values}
        parameter = entry.length.split("[", 1)[0]
        expected = arguments[parameter][-1] if entry.length.endswith("[-1]") else arguments[parameter]
        assert len(function(**arguments)) == expected, entry.qualname
