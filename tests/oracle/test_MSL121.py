"""MSL121: padding without pad_mode='pad' raises ValueError; ms-lint's `pad_mode='pad'` constructs like torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAPS = {
    "conv": "from mindspore import nn\nlayer = nn.Conv2d(1, 1, 3, padding=1, has_bias=False)\n",
    "conv-valid": "from mindspore import nn\nlayer = nn.Conv2d(1, 1, 3, pad_mode='valid', padding=1, has_bias=False)\n",
    "maxpool-padding": "from mindspore import nn\nlayer = nn.MaxPool2d(3, 2, padding=1)\n",
    "maxpool-ceil": "from mindspore import nn\nlayer = nn.MaxPool2d(2, 2, ceil_mode=True)\n",
    "ops-conv": "from mindspore import ops\nlayer = ops.Conv2D(1, 3, pad=1)\n",
}


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_trap_raises_value_error_and_the_fix_constructs(name):
    trap = TRAPS[name]
    assert codes(trap) == {"MSL121"}
    with pytest.raises(ValueError, match="pad"):
        run(trap)
    repaired = fixed(trap, "MSL121")
    assert "pad_mode='pad'" in repaired
    assert codes(repaired) == set()
    run(repaired)


def test_fixed_ceil_mode_pool_matches_torch():
    torch = pytest.importorskip("torch")
    import mindspore as ms

    x = np.arange(25, dtype=np.float32).reshape(1, 1, 5, 5)
    layer = run(fixed(TRAPS["maxpool-ceil"], "MSL121"))["layer"]
    reference = torch.nn.MaxPool2d(2, 2, ceil_mode=True)(torch.tensor(x)).numpy()
    np.testing.assert_allclose(layer(ms.Tensor(x)).asnumpy(), reference)
