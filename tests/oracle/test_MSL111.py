"""MSL111: BatchNorm momentum=0.1 weighs the batch 90%; ms-lint's `momentum=0.9` matches torch's 0.1."""
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

bn = nn.BatchNorm2d(1, momentum=0.1)
bn.set_train(True)
bn(ms.Tensor(np.full((4, 1, 2, 2), 10.0, np.float32)))
moving_mean = float(bn.moving_mean.asnumpy()[0])
"""


def test_trap_weighs_the_batch_90_percent_and_is_reported():
    assert codes(TRAP) == {"MSL111"}
    assert run(TRAP)["moving_mean"] == pytest.approx(9.0)


def test_fix_matches_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL111")
    assert "momentum=0.9" in repaired
    assert codes(repaired) == set()
    reference = torch.nn.BatchNorm2d(1, momentum=0.1)
    reference(torch.full((4, 1, 2, 2), 10.0))
    assert run(repaired)["moving_mean"] == pytest.approx(float(reference.running_mean[0]))
