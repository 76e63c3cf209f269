"""MSL114: bn.momentum = x after construction is ignored; momentum= at construction takes effect."""
import pytest
from conftest import codes, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

bn = nn.BatchNorm2d(3)
bn.momentum = 0.7
bn.set_train(True)
bn(ms.Tensor(np.full((4, 3, 2, 2), 10.0, np.float32)))
moving = float(bn.moving_mean.asnumpy()[0])
"""

AT_CONSTRUCTION = """
import numpy as np
import mindspore as ms
from mindspore import nn

bn = nn.BatchNorm2d(3, momentum=0.7)
bn.set_train(True)
bn(ms.Tensor(np.full((4, 3, 2, 2), 10.0, np.float32)))
moving = float(bn.moving_mean.asnumpy()[0])
"""


def test_assignment_is_ignored_and_reported():
    assert codes(TRAP) == {"MSL114"}
    default = run(TRAP.replace("bn.momentum = 0.7\n", ""))["moving"]
    assert run(TRAP)["moving"] == pytest.approx(default) == pytest.approx(1.0)


def test_momentum_at_construction_takes_effect_like_torch():
    torch = pytest.importorskip("torch")
    assert codes(AT_CONSTRUCTION) == set()
    assert run(AT_CONSTRUCTION)["moving"] == pytest.approx(3.0)
    reference = torch.nn.BatchNorm2d(3, momentum=0.3).train()
    reference(torch.full((4, 3, 2, 2), 10.0))
    assert reference.running_mean[0].item() == pytest.approx(3.0)


def test_reading_momentum_is_not_reported():
    assert codes("from mindspore import nn\nbn = nn.BatchNorm2d(3)\nm = bn.momentum\n") == set()
