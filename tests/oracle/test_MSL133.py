"""MSL133: nn.Module-only methods raise on a Cell; ms-lint's replacements behave like torch's."""
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

net = nn.SequentialCell([nn.Dense(2, 2), nn.Dropout(p=0.5)])
net.eval()
names = [name for name, _ in net.named_parameters()]
x = ms.Tensor(np.ones((1000, 2), np.float32))
out = net(x).asnumpy()
"""

METHODS = ["parameters", "named_parameters", "children", "named_children", "modules", "named_modules",
           "add_module", "train", "eval", "cuda", "cpu", "zero_grad", "requires_grad_", "forward"]


@pytest.mark.parametrize("method", METHODS)
def test_cell_lacks_the_method(method):
    with pytest.raises(AttributeError):
        run("from mindspore import nn\nnn.Dense(2, 2).%s" % method)


def test_trap_raises_and_is_reported():
    assert codes(TRAP) == {"MSL133"}
    with pytest.raises(AttributeError):
        run(TRAP)


def test_fix_behaves_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL133")
    assert "net.set_train(False)" in repaired and "net.parameters_and_names()" in repaired
    assert codes(repaired) == set()
    done = run(repaired)
    reference = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Dropout(0.5)).eval()
    assert done["names"] == ["0.weight", "0.bias"] == [n for n, _ in reference.named_parameters()]
    linear = done["net"][0]
    expected = done["x"].asnumpy() @ linear.weight.asnumpy().T + linear.bias.asnumpy()
    assert abs(done["out"] - expected).max() < 1e-5


def test_model_train_with_a_dataset_is_not_reported():
    code = (
        "from mindspore import nn\nfrom mindspore.train import Model\n"
        "net = nn.Dense(2, 2)\nmodel = Model(net, nn.MSELoss(), nn.Momentum(net.trainable_params(), 0.1, 0.9))\n"
        "def go(ds):\n    model.train(2, ds)\n"
    )
    assert codes(code) == set()


SHADOW = """
import numpy as np
import mindspore as ms
from mindspore import nn, ops

class Halves(nn.Cell):
    def __init__(self):
        super().__init__()
        self.half = ops.Split(axis=-1, output_num=2)

    def construct(self, x):
        first, second = self.half(x)
        return first * second

net = Halves()
out = net(ms.Tensor(np.ones((2, 4), np.float32))).shape
split = net.half(ms.Tensor(np.ones((2, 4), np.float32)))[0].shape
"""


def test_an_attribute_of_the_name_is_not_the_method():
    """`self.half = ops.Split(...)` shadows the name: `self.half(x)` and `net.half(x)` run the Split."""
    assert codes(SHADOW) == set()
    done = run(SHADOW)
    assert tuple(done["out"]) == (2, 2) and tuple(done["split"]) == (2, 2)


def test_cell_to_rejects_torch_device_names_and_the_fix_runs():
    code = "from mindspore import nn\nnet = nn.Dense(2, 2)\nplaced = net.to('cuda')\n"
    assert codes(code) == {"MSL133"}
    with pytest.raises(ValueError):
        run(code)
    repaired = fixed(code, "MSL133")
    assert "placed = net\n" in repaired and codes(repaired) == set()
    done = run(repaired)
    assert done["placed"] is done["net"]
    cpu = run("from mindspore import nn\nnet = nn.Dense(2, 2)\nplaced = net.to('CPU')\n")  # MindSpore's own name
    assert cpu["placed"] is cpu["net"]
