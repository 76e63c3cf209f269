"""MSL201: a one-shot iterator as a group's params leaves the group empty; consumed twice, the
second consumer gets nothing. ms-lint's `list(...)` fix makes both work."""
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
from mindspore import nn

net = nn.Dense(3, 2)
opt = nn.SGD(net.get_parameters(), 0.1)
count = len(opt.parameters)
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


def test_consumed_once_is_a_warning_and_works():
    assert [(f.code, f.effective_severity) for f in findings(ONCE)] == [("MSL201", "warning")]
    assert run(ONCE)["count"] == 2
    assert codes(fixed(ONCE, "MSL201")) == set()


def test_torch_keeps_a_generator_group():
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(3, 2)
    opt = torch.optim.SGD([{"params": (p for p in model.parameters()), "lr": 0.1}], lr=0.01)
    assert len(opt.param_groups[0]["params"]) == 2


def test_lone_generator_argument_fix_keeps_the_call():
    code = """
    from mindspore import nn

    net = nn.Dense(3, 2)
    opt = nn.Adam(p for p in net.trainable_params())
    count = len(opt.parameters)
    """
    repaired = fixed(code, "MSL201")
    assert "nn.Adam(list(p for p in net.trainable_params()))" in repaired
    assert codes(repaired) == set()
    assert run(repaired)["count"] == 2
