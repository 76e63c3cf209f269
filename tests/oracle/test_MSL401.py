"""MSL401: before 2.5 `Tensor.transpose(a, b)` permutes; ms-lint's `ops.swapaxes` swaps like torch."""
import numpy as np
import pytest
from conftest import codes, fixed, run

TRAP = """
import numpy as np
from mindspore import Tensor, ops

data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
out = Tensor(data).transpose(1, 2).asnumpy()
"""

GUARDED = """
import numpy as np
from mindspore import Tensor, ops

data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
scaled = ops.mul(Tensor(data), 2) if data.ndim == 3 else None
if scaled is not None:
    out = scaled.transpose(1, 2).asnumpy()
"""


def test_reported_below_2_5_only():
    assert codes(TRAP, target_version="2.4") == {"MSL401"}
    assert codes(TRAP, target_version="2.5") == set()
    assert codes(TRAP) == set()


def test_fix_swaps_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL401", target_version="2.4")
    assert "ops.swapaxes(Tensor(data), 1, 2)" in repaired
    assert codes(repaired, target_version="2.4") == set()
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    reference = torch.from_numpy(data).transpose(1, 2).numpy()
    np.testing.assert_array_equal(run(repaired)["out"], reference)


def test_fix_without_an_ops_import_uses_the_method():
    torch = pytest.importorskip("torch")
    snippet = TRAP.replace("from mindspore import Tensor, ops", "from mindspore import Tensor")
    repaired = fixed(snippet, "MSL401", target_version="2.4")
    assert "Tensor(data).swapaxes(1, 2)" in repaired
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    np.testing.assert_array_equal(run(repaired)["out"], torch.from_numpy(data).transpose(1, 2).numpy())


def test_ops_transpose_is_a_permutation():
    namespace = run(
        "import numpy as np\nfrom mindspore import Tensor, ops\n"
        "data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)\n"
        "out = ops.transpose(Tensor(data), (2, 0, 1)).asnumpy()\n"
    )
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    np.testing.assert_array_equal(namespace["out"], np.transpose(data, (2, 0, 1)))


def test_two_axes_on_the_installed_mindspore():
    """Below 2.5 (measured on 2.0.0 in `tox -e drift-ms2.0`): a permutation, so the trap raises on 3-D
    and is the identity on 2-D, and ms-lint's fix swaps; from 2.5 it swaps and is not reported."""
    from importlib import metadata

    from ms_lint.facts import format_version, parse_version

    installed = parse_version(metadata.version("mindspore"))
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    two_d = run("from mindspore import Tensor\nimport numpy as np\n"
                "out = Tensor(np.zeros((2, 3), np.float32)).transpose(0, 1).shape\n")["out"]
    if installed < (2, 5):
        assert codes(TRAP, target_version=format_version(installed)) == {"MSL401"}
        assert tuple(two_d) == (2, 3)
        with pytest.raises(ValueError):
            run(TRAP)
        repaired = fixed(TRAP, "MSL401", target_version=format_version(installed))
        np.testing.assert_array_equal(run(repaired)["out"], np.swapaxes(data, 1, 2))
    else:
        assert codes(TRAP) == set()
        assert tuple(two_d) == (3, 2)
        np.testing.assert_array_equal(run(TRAP)["out"], np.swapaxes(data, 1, 2))


def test_tensor_or_none_under_a_not_none_test():
    """`t if c else None` used under `if v is not None:` is the tensor: reported below 2.5, and the fix
    swaps like torch; without the test nothing is reported (None may be what the line sees)."""
    torch = pytest.importorskip("torch")
    from importlib import metadata

    from ms_lint.facts import parse_version

    assert codes(GUARDED, target_version="2.4") == {"MSL401"}
    assert codes(GUARDED, target_version="2.5") == set()
    unguarded = GUARDED.replace("if scaled is not None:\n    ", "")
    assert "if scaled" not in unguarded and codes(unguarded, target_version="2.4") == set()
    repaired = fixed(GUARDED, "MSL401", target_version="2.4")
    assert "ops.swapaxes(scaled, 1, 2)" in repaired
    data = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    reference = torch.from_numpy(data * 2).transpose(1, 2).numpy()
    np.testing.assert_array_equal(run(repaired)["out"], reference)
    if parse_version(metadata.version("mindspore")) < (2, 5):
        with pytest.raises(ValueError):
            run(GUARDED)
    else:
        np.testing.assert_array_equal(run(GUARDED)["out"], reference)
