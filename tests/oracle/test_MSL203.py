"""MSL203: the same parameters in two groups raise RuntimeError."""
import pytest
from conftest import codes, run

SAME = """
from mindspore import nn

net = nn.Dense(3, 2)
weights = [net.weight]
opt = nn.SGD([{"params": weights, "lr": 0.1}, {"params": weights}], 0.1)
"""

SUBSET = """
from mindspore import nn

net = nn.Dense(3, 2)
bias = [p for p in net.trainable_params() if p.name.endswith("bias")]
opt = nn.SGD([{"params": net.trainable_params()}, {"params": bias, "weight_decay": 0.0}], 0.1)
"""

DISJOINT = """
from mindspore import nn

net = nn.Dense(3, 2)
bias = [p for p in net.trainable_params() if p.name.endswith("bias")]
rest = [p for p in net.trainable_params() if not p.name.endswith("bias")]
opt = nn.SGD([{"params": rest}, {"params": bias, "weight_decay": 0.0}], 0.1)
"""


@pytest.mark.parametrize("trap", [SAME, SUBSET])
def test_duplicate_is_a_runtime_error_and_is_reported(trap):
    assert codes(trap) - {"MSL206"} == {"MSL203"}  # MSL206 (opt-in): `bias` may be empty elsewhere
    with pytest.raises(RuntimeError, match="already exists"):
        run(trap)


def test_disjoint_groups_are_clean_and_build():
    assert codes(DISJOINT) - {"MSL206"} == set()
    assert len(run(DISJOINT)["opt"].parameters) == 2


def test_torch_rejects_duplicates_too():
    torch = pytest.importorskip("torch")
    model = torch.nn.Linear(3, 2)
    with pytest.raises(ValueError, match="more than one parameter group"):
        torch.optim.SGD([{"params": model.parameters()}, {"params": [model.bias]}], lr=0.1)


def test_generator_group_beside_a_subset_is_no_duplicate_but_empty():
    code = """
    from mindspore import nn

    net = nn.Dense(3, 2)
    bias = [p for p in net.trainable_params() if p.name.endswith("bias")]
    opt = nn.SGD([{"params": net.get_parameters()}, {"params": bias}], 0.1)
    """
    assert "MSL203" not in codes(code) and "MSL201" in codes(code)
    assert [p.name for p in run(code)["opt"].parameters] == ["bias"]
