"""MSL113: PyTorch names on MindSpore modules raise AttributeError; ms-lint's renames run like torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn, ops

layers = nn.Sequential(nn.Dense(2, 2), nn.ReLU())
cells = nn.ModuleList([nn.Dense(2, 2)])
out = nn.functional.relu(ms.Tensor(np.array([-1.0, 2.0], np.float32))).asnumpy()
"""


@pytest.mark.parametrize("name", ["Sequential", "ModuleList", "ModuleDict", "Module", "functional"])
def test_torch_names_are_missing_from_mindspore_nn(name):
    with pytest.raises(AttributeError):
        run("from mindspore import nn\nnn.%s" % name)


def test_names_that_exist_are_not_reported():
    code = "from mindspore import nn, ops, mint\nnn.Linear\nops.cat\nnn.SequentialCell\nnn.CellDict\n"
    assert codes(code) == set()
    run(code)
    with pytest.raises(AttributeError):
        run("from mindspore import mint\nmint.nn.Sequential")


def test_trap_raises_and_is_reported():
    assert codes(TRAP) == {"MSL113"}
    with pytest.raises(AttributeError):
        run(TRAP)


def test_fix_runs_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL113")
    assert "nn.SequentialCell(" in repaired and "nn.CellList(" in repaired and "ops.relu(" in repaired
    assert codes(repaired) == set()
    done = run(repaired)
    np.testing.assert_array_equal(done["out"], torch.nn.functional.relu(torch.tensor([-1.0, 2.0])).numpy())
    weight = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)
    dense = done["layers"][0]
    dense.weight.set_data(done["ms"].Tensor(weight))
    dense.bias.set_data(done["ms"].Tensor(np.zeros(2, np.float32)))
    seq = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU())
    with torch.no_grad():
        seq[0].weight.copy_(torch.tensor(weight))
        seq[0].bias.zero_()
    x = np.array([[1.0, -1.0]], np.float32)
    ours = done["layers"](done["ms"].Tensor(x)).asnumpy()
    np.testing.assert_allclose(ours, seq(torch.tensor(x)).detach().numpy(), rtol=1e-6)
