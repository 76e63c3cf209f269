"""MSL204: a group key other than params/lr/weight_decay/grad_centralization/order_params is a
KeyError on mindspore.nn optimizers; mindspore.experimental.optim takes PyTorch's keys."""
import pytest
from conftest import codes, run

TRAP = """
from mindspore import nn

net = nn.Dense(3, 2)
opt = nn.SGD([{"params": net.trainable_params(), "momentum": 0.9}], 0.1)
"""

EXPERIMENTAL = """
from mindspore import nn
from mindspore.experimental import optim

net = nn.Dense(3, 2)
opt = optim.SGD([{"params": net.trainable_params(), "momentum": 0.9}], lr=0.1)
"""


def test_unknown_key_is_a_key_error_and_is_reported():
    assert codes(TRAP) == {"MSL204"}
    with pytest.raises(KeyError, match="momentum"):
        run(TRAP)


def test_experimental_optim_takes_the_key_and_is_clean():
    assert codes(EXPERIMENTAL) == set()
    assert run(EXPERIMENTAL)["opt"].param_groups[0]["momentum"] == 0.9


def test_every_allowed_key_is_accepted():
    from mindspore import nn

    from ms_lint.facts import load_facts

    allowed = load_facts().lookup("mindspore.nn.Optimizer").group_keys
    net = nn.Dense(3, 2)
    group = {"params": net.trainable_params(), "lr": 0.1, "weight_decay": 0.0, "grad_centralization": False}
    assert set(group) | {"order_params"} == set(allowed)
    opt = nn.SGD([group, {"order_params": net.trainable_params()}], 0.1)
    assert len(opt.parameters) == 2
