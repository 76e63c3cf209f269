"""MSL202: a group whose params are empty when the optimizer is built raises ValueError."""
import pytest
from conftest import codes, run

TRAP = """
from mindspore import nn

net = nn.Dense(3, 2)
no_decay = []
opt = nn.SGD([{"params": net.trainable_params()}, {"params": no_decay, "weight_decay": 0.0}], 0.1)
"""

GUARDED = """
from mindspore import nn

net = nn.Dense(3, 2)
no_decay = []
groups = [{"params": net.trainable_params()}]
if no_decay:
    groups.append({"params": no_decay, "weight_decay": 0.0})
opt = nn.SGD(groups, 0.1)
"""


def test_empty_group_is_a_value_error_and_is_reported():
    assert codes(TRAP) == {"MSL202"}
    with pytest.raises(ValueError, match="group `params` must not be empty"):
        run(TRAP)


def test_guarded_group_is_clean_and_builds():
    assert codes(GUARDED) == set()
    assert len(run(GUARDED)["opt"].parameters) == 2


def test_torch_accepts_an_empty_group():
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(3, 2)
    opt = torch.optim.SGD([{"params": model.parameters()}, {"params": [], "weight_decay": 0.0}], lr=0.1)
    assert len(opt.param_groups) == 2
