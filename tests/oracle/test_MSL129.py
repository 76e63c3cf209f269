"""MSL129: a string outside a MindSpore class's accepted values raises ValueError at construction;
ms-lint's fix (the accepted value it is closest to) constructs."""
import pytest
from conftest import codes, fixed, run

TRAPS = {
    "conv-typo": ("from mindspore import nn\nlayer = nn.Conv2d(1, 1, 3, pad_mode='vaild', has_bias=False)\n", "pad_mode='valid'"),
    "conv-case": ("from mindspore import nn\nlayer = nn.Conv2d(1, 1, 3, pad_mode='VALID', has_bias=False)\n", "pad_mode='valid'"),
    "conv1d-swap": ("from mindspore import nn\nlayer = nn.Conv1d(1, 1, 3, pad_mode='pda', has_bias=False)\n", "pad_mode='pad'"),
    "transpose-case": ("from mindspore import nn\nlayer = nn.Conv2dTranspose(1, 1, 2, pad_mode='Valid', has_bias=False)\n",
                       "pad_mode='valid'"),
    "pool-typo": ("from mindspore import nn\nlayer = nn.MaxPool2d(2, 2, pad_mode='vaild')\n", "pad_mode='valid'"),
    "primitive-case": ("from mindspore import ops\nop = ops.Conv2D(1, 3, pad_mode='SAME')\n", "pad_mode='same'"),
    "loss-case": ("from mindspore import nn\nloss = nn.CrossEntropyLoss(reduction='Mean')\n", "reduction='mean'"),
    "loss-typo": ("from mindspore import nn\nloss = nn.L1Loss('summ')\n", "nn.L1Loss('sum')"),
}


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_trap_raises_and_the_fix_constructs(name):
    trap, spelled = TRAPS[name]
    assert codes(trap) == {"MSL129"}
    with pytest.raises(ValueError):
        run(trap)
    repaired = fixed(trap, "MSL129")
    assert spelled in repaired
    assert codes(repaired) == set()
    run(repaired)


REPORTED_WITHOUT_A_FIX = {
    "torch-padding-mode": "from mindspore import nn\nlayer = nn.Conv2d(1, 1, 3, pad_mode='zeros')\n",
    "torch-reduction": "from mindspore import nn\nloss = nn.MSELoss(reduction='elementwise_mean')\n",
    "maxpool-primitive-pad": "from mindspore import ops\nop = ops.MaxPool(2, 2, pad_mode='pad')\n",
}


@pytest.mark.parametrize("name", sorted(REPORTED_WITHOUT_A_FIX))
def test_values_close_to_none_raise(name):
    trap = REPORTED_WITHOUT_A_FIX[name]
    assert codes(trap) == {"MSL129"}
    with pytest.raises(ValueError):
        run(trap)


def test_pools_and_3d_convs_take_any_case():
    snippet = ("from mindspore import nn\na = nn.MaxPool2d(2, 2, pad_mode='SAME')\nb = nn.Conv3d(1, 1, 3, pad_mode='VALID')\n"
               "c = nn.AvgPool1d(2, 2, 'Pad')\n")
    assert "MSL129" not in codes(snippet)
    run(snippet)


def test_a_value_out_of_sight_is_not_judged():
    snippet = "from mindspore import nn\ndef build(mode):\n    return nn.Conv2d(1, 1, 3, pad_mode=mode)\nlayer = build('same')\n"
    assert "MSL129" not in codes(snippet)
    run(snippet)
