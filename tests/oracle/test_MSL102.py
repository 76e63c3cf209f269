"""MSL102: ops.dropout in construct drops in inference mode; ms-lint's training=self.training stops it."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn, ops


class Block(nn.Cell):
    def construct(self, x):
        return ops.dropout(x, p=0.5)


block = Block()
block.set_train(False)
x = ms.Tensor(np.ones((1000, 100), np.float32))
infer = block(x).asnumpy()
block.set_train(True)
train = block(x).asnumpy()
"""


def zero_share(out) -> float:
    return float((np.asarray(out) == 0).mean())


def test_trap_drops_in_inference_mode_and_is_reported():
    assert codes(TRAP) == {"MSL102"}
    assert zero_share(run(TRAP)["infer"]) == pytest.approx(0.5, abs=0.02)


def test_fix_is_identity_in_inference_like_torch_eval():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL102")
    assert "ops.dropout(x, p=0.5, training=self.training)" in repaired
    assert codes(repaired) == set()
    done = run(repaired)
    assert zero_share(done["infer"]) == 0.0
    assert zero_share(done["train"]) == pytest.approx(0.5, abs=0.02)

    class Block(torch.nn.Module):
        def forward(self, x):
            return torch.nn.functional.dropout(x, p=0.5, training=self.training)

    reference = Block().eval()(torch.ones(1000, 100)).numpy()
    np.testing.assert_array_equal(done["infer"], reference)
