"""MSL112: PyTorch keywords on MindSpore layers and optimizers raise; ms-lint's renames construct."""
import inspect

import pytest
from conftest import codes, fixed, run

from ms_lint.facts import load_facts

TRAPS = {
    "bias": ("from mindspore import nn\nlayer = nn.Dense(4, 2, bias=False)\n", "has_bias=False", TypeError),
    "groups": ("from mindspore import nn\nlayer = nn.Conv2d(4, 4, 3, groups=2, pad_mode='valid', has_bias=False)\n",
               "group=2", TypeError),
    "eps": ("from mindspore import nn\nlayer = nn.LayerNorm((4,), eps=1e-5)\n", "epsilon=1e-5", TypeError),
    "in_features": ("from mindspore import nn\nlayer = nn.Dense(in_features=4, out_features=2)\n",
                    "in_channels=4, out_channels=2", TypeError),
    "inplace": ("from mindspore import nn\nlayer = nn.ReLU(inplace=True)\n", "nn.ReLU()", TypeError),
    "lstm-bias": ("from mindspore import nn\nlayer = nn.LSTM(4, 2, bias=True)\n", "has_bias=True", TypeError),
}
PARAMS = """
import numpy as np
import mindspore as ms
from mindspore import nn
params = [ms.Parameter(ms.Tensor(np.ones(2), ms.float32), name="w")]
"""
OPTIMIZERS = {
    "sgd-lr": (PARAMS + "opt = nn.SGD(params, lr=0.1)\n", "learning_rate=0.1", TypeError),
    "adam-lr": (PARAMS + "opt = nn.Adam(params, lr=0.1)\n", "learning_rate=0.1", KeyError),
    "adam-betas": (PARAMS + "opt = nn.Adam(params, betas=(0.8, 0.9))\n", "beta1=0.8, beta2=0.9", KeyError),
}


@pytest.mark.parametrize("name", sorted(TRAPS) + sorted(OPTIMIZERS))
def test_trap_raises_and_the_fix_constructs(name):
    trap, spelled, error = {**TRAPS, **OPTIMIZERS}[name]
    assert codes(trap) == {"MSL112"}
    with pytest.raises(error):
        run(trap)
    repaired = fixed(trap, "MSL112")
    assert spelled in repaired
    assert codes(repaired) == set()
    run(repaired)


def test_betas_reach_the_optimizer():
    namespace = run(fixed(OPTIMIZERS["adam-betas"][0], "MSL112"))
    assert float(namespace["opt"].beta1.asnumpy()) == pytest.approx(0.8)
    assert float(namespace["opt"].beta2.asnumpy()) == pytest.approx(0.9)


def test_keyword_without_a_mindspore_name_is_reported_without_a_fix():
    trap = "from mindspore import nn\nlayer = nn.BatchNorm2d(4, track_running_stats=False)\n"
    assert codes(trap) == {"MSL112"}
    with pytest.raises(TypeError):
        run(trap)


def _innermost_init(cls):
    """The __init__ under every decorator (these optimizers carry two)."""
    func = cls.__init__
    while True:
        func = inspect.unwrap(func)
        inner = [c.cell_contents for c in (func.__closure__ or ()) if inspect.isfunction(c.cell_contents)
                 and c.cell_contents.__name__ == "__init__" and c.cell_contents is not func]
        if not inner:
            return func
        func = inner[0]


@pytest.mark.parametrize("name", ["FTRL", "LARS", "LazyAdam", "ProximalAdagrad"])
def test_kwargs_of_double_decorated_optimizers_are_their_real_parameters(name):
    from mindspore import nn

    real = list(inspect.signature(_innermost_init(getattr(nn, name))).parameters)[1:]
    assert sorted(load_facts().entries["mindspore.nn." + name].kwargs) == sorted(real)


def test_kwargs_of_rnns_are_the_rnn_base_parameters():
    from mindspore.nn.layer import rnns

    real = set(inspect.signature(rnns._RNNBase.__init__).parameters) - {"self", "mode"}
    for name in ("LSTM", "GRU"):
        assert load_facts().entries["mindspore.nn." + name].kwargs == real
    assert load_facts().entries["mindspore.nn.RNN"].kwargs == real | {"nonlinearity"}


PARTIAL = """
import functools
from mindspore import nn

conv_layer = functools.partial(nn.Conv2d, kernel_size=3, bias=False)
layer = conv_layer(3, 8)
"""


def test_a_partial_fixes_the_keyword_every_call_passes():
    """`functools.partial(nn.Conv2d, ..., bias=False)` raises when it is called; ms-lint reports the
    partial and its fix (`has_bias=False`) builds the layer."""
    assert "MSL112" in codes(PARTIAL)
    with pytest.raises(TypeError):
        run(PARTIAL)
    layer = run(fixed(PARTIAL, "MSL112"))["layer"]
    assert layer.has_bias is False
