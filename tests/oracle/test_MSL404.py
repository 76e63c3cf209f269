"""MSL404 and MSL406: torch.Tensor methods on a MindSpore tensor raise or leave it unchanged, as the
facts table says; MSL404's replacements compute what torch's methods do (MSL406's: test_MSL406.py)."""
import json
import runpy
import subprocess
import sys

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


# What a snippet did, printed by a fresh interpreter: a method without a CPU kernel leaves its error
# pending in the process, where it surfaces at some later read (another test's, too: measured on 2.10.0).
REPORT = """
import json
def outcome(read):
    try:
        return ["ok", read().tolist()]
    except Exception as error:
        return [type(error).__name__]
try:
    exec(compile(SNIPPET, "snippet.py", "exec"))
except Exception as error:
    print(json.dumps({"raised": type(error).__name__}))
else:
    print(json.dumps({"out": outcome(lambda: out.asnumpy()), "x": outcome(lambda: x.asnumpy()), "before": before.tolist()}))
"""


def apart(code: str) -> dict:
    """What the snippet did, run in PyNative mode in a fresh interpreter (see REPORT)."""
    script = "SNIPPET = %r\n" % code + REPORT
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("make", MAKES)
@pytest.mark.parametrize("method", sorted(TABLE))
def test_the_method_does_what_the_table_says(method, make):
    code = SETUP.format(make=make) + "out = x.%s\n" % CALLS[method]
    assert codes(code) == {"MSL406" if TABLE[method].platforms else "MSL404"}
    does = TABLE[method].does
    done = apart(code)
    if does.startswith("raises "):
        assert done.get("raised") == does.split()[1].rstrip(":")  # in PyNative mode
        return
    assert "raised" not in done
    if "the next read of a tensor raises RuntimeError" in does:  # a kernel CPU lacks, reported when synchronised
        assert done["out"] == ["RuntimeError"]
    else:  # out of place: the result is a new tensor
        assert done["out"][0] == "ok" and done["out"][1] != done["before"]
    assert done["x"] == ["ok", done["before"]]  # the receiver is left unchanged


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
