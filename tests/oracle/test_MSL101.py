"""MSL101: `nn.Dropout(0.1)` keeps 10%; ms-lint's `p=0.1` drops 10% like torch.nn.Dropout(0.1). A known 0.5 is the same either way."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn

drop = nn.Dropout(0.1)
drop.set_train(True)
out = drop(ms.Tensor(np.ones((1000, 100), np.float32))).asnumpy()
"""


def zero_share(out) -> float:
    return float((np.asarray(out) == 0).mean())


def test_trap_drops_90_percent_and_is_reported():
    assert codes(TRAP) == {"MSL101"}
    assert zero_share(run(TRAP)["out"]) == pytest.approx(0.9, abs=0.01)


def test_fix_drops_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL101")
    assert "nn.Dropout(p=0.1)" in repaired
    assert codes(repaired) == set()
    reference = torch.nn.Dropout(0.1).train()(torch.ones(1000, 100))
    assert zero_share(run(repaired)["out"]) == pytest.approx(zero_share(reference.numpy()), abs=0.01)


def test_keep_prob_fix_for_1_10_keeps_the_complement():
    repaired = fixed(TRAP, "MSL101", target_version="1.10")
    assert "nn.Dropout(0.9)" in repaired
    assert zero_share(run(repaired)["out"]) == pytest.approx(0.1, abs=0.01)


def test_zero_keep_prob_is_a_value_error():
    with pytest.raises(ValueError, match="keep_prob"):
        run("from mindspore import nn\nnn.Dropout(0.0)")


def test_known_half_keeps_what_it_drops_and_is_not_reported():
    half = """
    import numpy as np
    import mindspore as ms
    from mindspore import nn

    dropout_ratio = 0.5
    drop = nn.Dropout(dropout_ratio)
    drop.set_train(True)
    out = drop(ms.Tensor(np.ones((1000, 100), np.float32))).asnumpy()
    """
    assert codes(half) == set()
    out = run(half)["out"]
    assert zero_share(out) == pytest.approx(0.5, abs=0.01)
    assert set(np.unique(out)) == {0.0, 2.0}  # kept values scaled by 1 / keep_prob, as p=0.5 scales by 1 / (1 - p)
