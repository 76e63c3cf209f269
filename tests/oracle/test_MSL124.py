"""MSL124: a Conv without pad_mode pads 'same' (8x8 stays 8x8); torch pads nothing (6x6); the fix matches torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
from mindspore import nn
layer = nn.Conv2d(1, 1, 3, has_bias=False)
"""


def test_trap_keeps_the_size_and_is_reported():
    import mindspore as ms

    assert codes(TRAP) == {"MSL124"}
    out = run(TRAP)["layer"](ms.Tensor(np.ones((1, 1, 8, 8), np.float32)))
    assert out.shape == (1, 1, 8, 8)


def test_fix_matches_torch():
    torch = pytest.importorskip("torch")
    import mindspore as ms

    repaired = fixed(TRAP, "MSL124")
    assert "pad_mode='valid'" in repaired
    assert codes(repaired) == set()
    x = np.random.RandomState(0).randn(1, 1, 8, 8).astype(np.float32)
    reference_layer = torch.nn.Conv2d(1, 1, 3, bias=False)
    reference = reference_layer(torch.tensor(x)).detach().numpy()
    layer = run(repaired)["layer"]
    layer.weight.set_data(ms.Tensor(reference_layer.weight.detach().numpy()))
    np.testing.assert_allclose(layer(ms.Tensor(x)).asnumpy(), reference, atol=1e-5)
