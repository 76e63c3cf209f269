"""MSL241: a PyTorch-style scheduler raises at construction when given another API's optimizer; the
matching optimizer (or a mindspore.nn dynamic learning rate) follows torch's schedule."""
import inspect

import numpy as np
import pytest
from conftest import codes, run

from ms_lint.facts import load_facts

NN_OPTIMIZER_WITH_SCHEDULER = """
import numpy as np
import mindspore as ms
from mindspore import nn
from mindspore.experimental.optim import lr_scheduler

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
opt = nn.SGD([w], learning_rate=0.1)
scheduler = lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
"""

TORCH_SCHEDULER_WITH_MINDSPORE_OPTIMIZER = """
import numpy as np
import mindspore as ms
import torch
from mindspore.experimental import optim

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
opt = optim.SGD([w], lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
"""

EXPERIMENTAL = """
import numpy as np
import mindspore as ms
from mindspore.experimental import optim
from mindspore.experimental.optim import lr_scheduler

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
opt = optim.SGD([w], lr=0.1)
scheduler = lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
for step in range(6):
    opt((ms.Tensor(np.ones(2, np.float32)),))
    scheduler.step()
weights = w.asnumpy()
"""

NN_DYNAMIC_LR = """
import numpy as np
import mindspore as ms
from mindspore import nn

w = ms.Parameter(ms.Tensor(np.ones(2, np.float32)), name="w")
opt = nn.SGD([w], learning_rate=nn.piecewise_constant_lr([2, 4, 6], [0.1, 0.05, 0.025]))
for step in range(6):
    opt((ms.Tensor(np.ones(2, np.float32)),))
weights = w.asnumpy()
"""


def torch_weights():
    torch = pytest.importorskip("torch")
    w = torch.nn.Parameter(torch.ones(2))
    opt = torch.optim.SGD([w], lr=0.1)
    scheduler = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    for _ in range(6):
        w.grad = torch.ones(2)
        opt.step()
        scheduler.step()
    return w.detach().numpy()


def test_experimental_scheduler_rejects_an_nn_optimizer_and_is_reported():
    assert codes(NN_OPTIMIZER_WITH_SCHEDULER) == {"MSL241"}
    with pytest.raises(TypeError, match="SGD is not an Optimizer"):
        run(NN_OPTIMIZER_WITH_SCHEDULER)


def test_torch_scheduler_rejects_a_mindspore_optimizer_and_is_reported():
    pytest.importorskip("torch")
    assert codes(TORCH_SCHEDULER_WITH_MINDSPORE_OPTIMIZER) == {"MSL241"}
    with pytest.raises(TypeError, match="SGD is not an Optimizer"):
        run(TORCH_SCHEDULER_WITH_MINDSPORE_OPTIMIZER)


@pytest.mark.parametrize("replacement", [EXPERIMENTAL, NN_DYNAMIC_LR], ids=["experimental-optim", "nn-dynamic-lr"])
def test_both_replacements_follow_torchs_schedule_and_are_not_reported(replacement):
    expected = torch_weights()
    assert codes(replacement) == set()
    np.testing.assert_allclose(run(replacement)["weights"], expected, rtol=1e-6)


def test_every_listed_scheduler_takes_the_optimizer_first_and_rejects_the_other_api():
    """The facts' scheduler lists against the installed MindSpore and torch."""
    import importlib

    import mindspore as ms
    from mindspore.experimental import optim

    facts = load_facts()
    net = ms.nn.Dense(2, 2)
    given = {"mindspore": ms.nn.SGD(net.trainable_params(), learning_rate=0.1)}
    given["torch"] = optim.SGD(net.trainable_params(), lr=0.1)
    for module_name, (takes, classes) in facts.lr_schedulers.items():
        if takes == "torch":
            pytest.importorskip("torch")
        module = importlib.import_module(module_name)
        for name, counterpart in classes.items():
            cls = getattr(module, name)
            assert list(inspect.signature(cls).parameters)[0] == "optimizer", name
            if counterpart:
                assert facts.lookup(counterpart) is not None and "dynamic-lr" in facts.lookup(counterpart).traits
            with pytest.raises((TypeError, AttributeError), match="not an Optimizer|Expected an `Optimizer`|param_groups"):
                cls(given[takes], *_required(cls))


def _required(cls):
    """Placeholder values for the parameters after `optimizer` that have no default."""
    values = {"lr_lambda": lambda epoch: 1.0, "milestones": [1], "base_lr": 0.01, "max_lr": 0.1, "gamma": 0.5}
    parameters = list(inspect.signature(cls).parameters.values())[1:]
    return [values.get(p.name, 1) for p in parameters if p.default is inspect.Parameter.empty]
