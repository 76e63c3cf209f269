"""MSL126: PyTorch's positional padding lands on pad_mode (TypeError); ms-lint's keywords match torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
from mindspore import nn
layer = nn.Conv2d(1, 1, 3, 1, 1, has_bias=False)
"""


def test_trap_raises_type_error_and_is_reported():
    assert codes(TRAP) == {"MSL126"}
    with pytest.raises(TypeError, match="pad_mode"):
        run(TRAP)


def test_look_alike_constructs():
    look_alike = "from mindspore import nn\nlayer = nn.Conv2d(3, 8, 3, 1, 'pad', 1, has_bias=False)\n"
    assert codes(look_alike) == set()
    run(look_alike)


def test_fix_matches_torch():
    torch = pytest.importorskip("torch")
    import mindspore as ms

    repaired = fixed(TRAP, "MSL126")
    assert "nn.Conv2d(1, 1, 3, 1, pad_mode='pad', padding=1, has_bias=False)" in repaired
    assert codes(repaired) == set()
    x = np.random.RandomState(0).randn(1, 1, 6, 6).astype(np.float32)
    reference_layer = torch.nn.Conv2d(1, 1, 3, 1, 1, bias=False)
    layer = run(repaired)["layer"]
    layer.weight.set_data(ms.Tensor(reference_layer.weight.detach().numpy()))
    np.testing.assert_allclose(layer(ms.Tensor(x)).asnumpy(), reference_layer(torch.tensor(x)).detach().numpy(),
                               atol=1e-5)
