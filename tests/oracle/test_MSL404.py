"""MSL404 and MSL406: torch.Tensor methods on a MindSpore tensor raise or leave it unchanged, as the
facts table says; MSL404's replacements compute what torch's methods do (MSL406's: test_MSL406.py)."""
import builtins
import runpy

import numpy as np
import pytest
from conftest import codes, fixed, run

from ms_lint.facts import load_facts

TABLE = load_facts().torch_tensor_methods

# one call of each table method, with torch's arguments
CALLS = {
    "size": "size(0)", "cpu": "cpu()", "cuda": "cuda()", "detach": "detach()", "to": "to('cuda')",
    "add_": "add_(y)", "sub_": "sub_(y)", "mul_": "mul_(y)", "div_": "div_(y)",
    "normal_": "normal_(0.0, 0.02)", "uniform_": "uniform_(-0.1, 0.1)", "zero_": "zero_()", "fill_": "fill_(3.0)",
}

SETUP = """
import numpy as np
import mindspore as ms
from mindspore import Parameter, Tensor
x = {make}
y = Tensor(np.full((2, 3), 2.0, np.float32))
before = x.asnumpy().copy()
"""
MAKES = ["Tensor(np.ones((2, 3), np.float32))", "Parameter(Tensor(np.ones((2, 3), np.float32)), name='x')"]


def test_every_table_method_has_a_call():
    assert set(CALLS) == set(TABLE)


@pytest.mark.parametrize("make", MAKES)
@pytest.mark.parametrize("method", sorted(TABLE))
def test_the_method_does_what_the_table_says(method, make):
    code = SETUP.format(make=make) + "out = x.%s\n" % CALLS[method]
    assert codes(code) == {"MSL406" if TABLE[method].platforms else "MSL404"}
    does = TABLE[method].does
    if does.startswith("raises "):
        error = getattr(builtins, does.split()[1].rstrip(":"))  # in PyNative mode
        with pytest.raises(error):
            run(code)
        return
    done = run(code)
    if "the next read of a tensor raises RuntimeError" in does:  # a kernel CPU lacks, reported when synchronised
        with pytest.raises(RuntimeError):
            done["out"].asnumpy()
    else:  # out of place: the result is a new tensor
        assert not (done["out"].asnumpy() == done["before"]).all()
    assert (done["x"].asnumpy() == done["before"]).all()  # the receiver is left unchanged


TRAP = """
import numpy as np
import mindspore as ms
from mindspore import Tensor, nn, ops

dense = nn.Dense(3, 4)
x = Tensor(np.arange(6, dtype=np.float32).reshape(2, 3))
y = dense(x)
rows = y.size(0)
shape = y.size()
host = y.cpu().asnumpy()
frozen = y.detach()
moved = x.to("cuda")
half = x.to("cuda:0", ms.float16)
"""


def test_trap_raises_and_is_reported():
    assert codes(TRAP) == {"MSL404"}
    with pytest.raises(TypeError):
        run(TRAP)


def test_fix_behaves_like_torch():
    torch = pytest.importorskip("torch")
    repaired = fixed(TRAP, "MSL404")
    assert "y.shape[0]" in repaired and "ops.stop_gradient(y)" in repaired and "x.to(ms.float16)" in repaired
    assert codes(repaired) == set()
    done = run(repaired)
    x = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    linear = torch.nn.Linear(3, 4)
    assert done["rows"] == linear(x).size(0) and tuple(done["shape"]) == tuple(linear(x).size())
    assert np.allclose(done["host"], done["frozen"].asnumpy())
    assert np.allclose(done["moved"].asnumpy(), x.numpy())
    assert done["half"].dtype == ms_float16()


def ms_float16():
    import mindspore

    return mindspore.float16



JIT = """
import mindspore as ms
from mindspore import ops

@ms.jit
def first():
    x = ops.ones((2, 3))
    return x.{call}

out = first()
"""


@pytest.mark.parametrize("call, error", [("size(0)", ValueError), ("size()", ValueError), ("detach()", AttributeError),
                                         ("cpu()", AttributeError)])
def test_under_jit_too(call, error, tmp_path, monkeypatch):
    """Compiled by jit (graph mode) the calls fail as well: `size` is the int 6, "not callable"."""
    code = JIT.format(call=call)
    assert codes(code) == {"MSL404"}
    source = tmp_path / "snippet.py"  # jit compiles from the source file
    source.write_text(code)
    monkeypatch.chdir(tmp_path)  # where MindSpore writes its rank_0/om/analyze_fail.ir
    with pytest.raises(error):
        runpy.run_path(str(source))
