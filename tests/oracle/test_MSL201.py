"""MSL201: a one-shot iterator as a group's params leaves the group empty; consumed twice, the
second consumer gets nothing. ms-lint's `list(...)` fix makes both work. Consumed once, by the
optimizer alone, it trains every parameter and is not reported."""
import pytest
from conftest import codes, findings, fixed, run

GROUP_TRAP = """
from mindspore import nn

net = nn.Dense(3, 2)
opt = nn.SGD([{"params": (p for p in net.trainable_params()), "lr": 0.1}], 0.01)
count = len(opt.parameters)
"""

TWICE_TRAP = """
from mindspore import nn

net = nn.Dense(3, 2)
params = net.get_parameters()
opt = nn.SGD(params, 0.1)
momentum = nn.Momentum(params, 0.1, 0.9)
"""

ONCE = """
import itertools
import numpy as np
import mindspore as ms
from mindspore import nn



class Pair(nn.Cell):
    def __init__(self):
        super().__init__()
        self.gen, self.disc = nn.Dense(3, 4), nn.Dense(4, 2)


net = Pair()
opt = nn.Adam(itertools.chain(net.gen.trainable_params(), net.disc.trainable_params()), learning_rate=0.1)
count = len(opt.parameters)
before = [p.asnumpy().copy() for p in opt.parameters]
loss = lambda x: (net.disc(net.gen(x)) ** 2).sum()
grads = ms.value_and_grad(loss, None, opt.parameters)(ms.Tensor(np.ones((5, 3), np.float32)))[1]
opt(grads)
changed = sum(not np.allclose(b, p.asnumpy()) for b, p in zip(before, opt.parameters))
"""


def test_generator_group_gets_no_parameters():
    assert codes(GROUP_TRAP) == {"MSL201"}
    assert [f.effective_severity for f in findings(GROUP_TRAP)] == ["error"]
    assert run(GROUP_TRAP)["count"] == 0


def test_group_fix_gets_every_parameter():
    repaired = fixed(GROUP_TRAP, "MSL201")
    assert "list(p for p in net.trainable_params())" in repaired
    assert codes(repaired) == set()
    assert run(repaired)["count"] == 2


def test_second_consumer_gets_nothing():
    assert [(f.code, f.effective_severity) for f in findings(TWICE_TRAP)] == [("MSL201", "error")] * 2
    with pytest.raises(ValueError, match="must not be empty"):
        run(TWICE_TRAP)


def test_twice_fix_feeds_both():
    repaired = fixed(TWICE_TRAP, "MSL201")
    assert "params = list(net.get_parameters())" in repaired
    assert codes(repaired) == set()
    assert len(run(repaired)["momentum"].parameters) == 2


def test_consumed_once_trains_every_parameter_and_is_not_reported():
    assert codes(ONCE) == set()
    namespace = run(ONCE)
    assert (namespace["count"], namespace["changed"]) == (4, 4)


@pytest.mark.parametrize("optimizer", ["SGD(%s, 0.1)", "Momentum(%s, 0.1, 0.9)", "Adam(%s)", "AdamWeightDecay(%s)", "Lamb(%s, 0.1)", "RMSProp(%s)"])
@pytest.mark.parametrize("params", ["net.get_parameters()", "filter(lambda p: p.requires_grad, net.trainable_params())", "(p for p in net.trainable_params())"])
def test_every_optimizer_lists_whole_params_once(optimizer, params):
    code = "from mindspore import nn\nnet = nn.Dense(3, 2)\nopt = nn.%s\n" % (optimizer % params)
    assert codes(code) == set()
    assert len(run(code)["opt"].parameters) == 2


def test_torch_keeps_a_generator_group():
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(3, 2)
    opt = torch.optim.SGD([{"params": (p for p in model.parameters()), "lr": 0.1}], lr=0.01)
    assert len(opt.param_groups[0]["params"]) == 2

