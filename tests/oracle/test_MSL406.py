"""MSL406: the in-place tensor methods MindSpore documents for Ascend only run out of place or fail on
CPU (the table's behaviour: test_MSL404.py); ms-lint's replacements compute what torch's do."""
import numpy as np
import pytest
from conftest import codes, fixed, run

from ms_lint.facts import load_facts

TABLE = load_facts().torch_tensor_methods

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor

x = Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))
w = Parameter(Tensor(np.ones((2, 3), np.float32)), name="w")
w.add_(x)
w.sub_(x, alpha=0.5)
w.mul_(x + 1)
w.div_(2.0)
acc = Tensor(np.ones((2, 3), np.float32))
acc.mul_(3.0)
"""

FILLS = """
import numpy as np
from mindspore import Parameter, Tensor, ops

z = Tensor(np.ones((2, 3), np.float32))
z.zero_()
f = Parameter(Tensor(np.ones((2, 3), np.float32)), name="f")
f.fill_(7.0)
total = (z + f).asnumpy()
"""


def test_trap_raises_and_is_reported():
    assert codes(TRAP) == {"MSL406"}
    done = run(TRAP)  # no error: every receiver is left as it was
    assert (done["w"].asnumpy() == 1).all() and (done["acc"].asnumpy() == 1).all()


def test_fix_behaves_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL406")
    assert "w.assign_value(w + x)" in repaired and "w.assign_value(w - 0.5 * x)" in repaired
    assert codes(repaired) == set()
    done = run(repaired)
    x = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    w = torch.ones(2, 3)
    w.add_(x)
    w.sub_(x, alpha=0.5)
    w.mul_(x + 1)
    w.div_(2.0)
    acc = torch.ones(2, 3)
    acc.mul_(3.0)
    assert np.allclose(done["w"].asnumpy(), w.numpy())
    assert np.allclose(done["acc"].asnumpy(), acc.numpy())


def test_fills_fail_at_the_next_read_and_the_fix_fills():
    assert codes(FILLS) == {"MSL406"}
    with pytest.raises(RuntimeError):
        run(FILLS)
    repaired = fixed(FILLS, "MSL406")
    assert "z.assign_value(ops.zeros_like(z))" in repaired and codes(repaired) == set()
    done = run(repaired)
    assert (done["z"].asnumpy() == 0).all() and (done["f"].asnumpy() == 7.0).all() and (done["total"] == 7.0).all()


def test_the_message_spellings_run():
    """normal_ / uniform_ have no fix; the spellings their messages name draw the values asked for."""
    done = run("""
import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor, ops
w = Parameter(Tensor(np.zeros((200, 50), np.float32)), name="w")
w.assign_value(ops.normal(w.shape, 0.0, 0.02))
normal = w.asnumpy().copy()
w.assign_value(ops.uniform(w.shape, ms.Tensor(-0.1, w.dtype), ms.Tensor(0.1, w.dtype)))
uniform = w.asnumpy().copy()
""")
    assert abs(done["normal"].std() - 0.02) < 0.002 and abs(done["normal"].mean()) < 0.002
    assert done["uniform"].min() >= -0.1 and done["uniform"].max() <= 0.1 and done["uniform"].std() > 0.05


@pytest.mark.parametrize("method", sorted(m for m, spec in TABLE.items() if spec.platforms))
def test_the_docstring_names_no_other_platform(method):
    """The table's `platforms` against the installed MindSpore's docstring ("Supported Platforms")."""
    import re

    from mindspore import Tensor

    doc = getattr(Tensor, method).__doc__ or ""
    named = re.findall(r"``(\w+)``", doc.split("Supported Platforms:", 1)[1].split("\n\n")[0]) if "Supported Platforms:" in doc else []
    assert set(named) <= set(TABLE[method].platforms)
