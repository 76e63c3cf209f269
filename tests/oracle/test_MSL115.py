"""MSL115: PyTorch's extra positional arguments (`inplace`, mostly) raise TypeError on MindSpore;
ms-lint's fix (dropping the no-effect argument) constructs, and the layer computes what PyTorch's does."""
import importlib
from importlib import metadata

import numpy as np
import pytest
from conftest import codes, fixed, run

from ms_lint.facts import load_facts, parse_version

TRAPS = {
    "relu": ("from mindspore import nn\nlayer = nn.ReLU(True)\n", "nn.ReLU()"),
    "leaky": ("from mindspore import nn\nlayer = nn.LeakyReLU(0.2, True)\n", "nn.LeakyReLU(0.2)"),
    "elu": ("from mindspore import nn\nlayer = nn.ELU(1.0, True)\n", "nn.ELU(1.0)"),
    "hardtanh": ("from mindspore import nn\nlayer = nn.Hardtanh(0.0, 6.0, True)\n", "nn.Hardtanh(0.0, 6.0)"),
    "silu": ("from mindspore import nn\nlayer = nn.SiLU(True)\n", "nn.SiLU()"),
    "dropout2d": ("from mindspore import nn\nlayer = nn.Dropout2d(0.1, False)\n", "nn.Dropout2d(0.1)"),
}


@pytest.mark.parametrize("name", sorted(TRAPS))
def test_trap_raises_and_the_fix_constructs(name):
    trap, spelled = TRAPS[name]
    assert codes(trap) == {"MSL115"}
    with pytest.raises(TypeError):
        run(trap)
    repaired = fixed(trap, "MSL115")
    assert spelled in repaired
    assert codes(repaired) == set()
    run(repaired)


def test_the_fixed_leaky_relu_computes_pytorchs():
    torch = pytest.importorskip("torch")
    import mindspore as ms

    layer = run(fixed(TRAPS["leaky"][0], "MSL115"))["layer"]
    x = np.linspace(-2, 2, 9).astype(np.float32)
    expected = torch.nn.LeakyReLU(0.2, True)(torch.tensor(x)).numpy()
    np.testing.assert_allclose(layer(ms.Tensor(x)).asnumpy(), expected, rtol=1e-6)


REPORTED_WITHOUT_A_FIX = {
    "dense": "from mindspore import nn\nlayer = nn.Dense(4, 2, None, None, True, None, None, 1)\n",
    "sigmoid-on-a-tensor": "import numpy as np\nimport mindspore as ms\nfrom mindspore import nn\n"
                           "y = nn.Sigmoid(ms.Tensor(np.ones(2), ms.float32))\n",
    "reduce-mean": "from mindspore import ops\nop = ops.ReduceMean(True, 1)\n",
    "uniform": "from mindspore.common.initializer import Uniform\ninit = Uniform(0.0, 1.0)\n",
}


@pytest.mark.parametrize("name", sorted(REPORTED_WITHOUT_A_FIX))
def test_extra_positionals_without_a_mindspore_meaning_raise(name):
    trap = REPORTED_WITHOUT_A_FIX[name]
    assert codes(trap) == {"MSL115"}
    with pytest.raises(TypeError):
        run(trap)


def test_mint_layers_take_pytorchs_inplace():
    snippet = "from mindspore import mint\nlayer = mint.nn.Hardtanh(0.0, 6.0, True)\nsilu = mint.nn.SiLU(True)\n"
    assert "MSL115" not in codes(snippet)
    run(snippet)


DROPPED = sorted(q for q, e in load_facts().entries.items()
                 if any(load_facts().torch_keywords.get(n) == "" for n in e.torch_positional))


def test_the_table_has_dropped_positions_to_check():
    assert len(DROPPED) >= 10


@pytest.mark.parametrize("qualname", DROPPED)
def test_pytorch_has_the_no_effect_parameter_where_the_table_says(qualname):
    """Where the fix drops a positional as PyTorch's no-effect parameter, torch.nn's class of the same
    name has that parameter at that position."""
    torch = pytest.importorskip("torch")
    import inspect

    entry, facts = load_facts().entries[qualname], load_facts()
    params = [p.name for p in inspect.signature(getattr(torch.nn, entry.short_name).__init__).parameters.values()
              if p.name != "self" and p.kind == p.POSITIONAL_OR_KEYWORD]
    for index, name in enumerate(entry.torch_positional):
        if facts.torch_keywords.get(name) == "":
            assert params[index] == name


INSTALLED = parse_version(metadata.version("mindspore"))
COUNTED = sorted(q for q, e in load_facts().entries.items()
                 if e.kind == "class" and e.available(INSTALLED) and e.signature(INSTALLED) is not None
                 and not e.signature(INSTALLED).varargs)


def _resolve(qualname):
    parts = qualname.split(".")
    for end in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:end]))
        except ImportError:
            continue
        for attr in parts[end:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(qualname)


def test_the_table_has_classes_to_count():
    assert len(COUNTED) > 250


@pytest.mark.parametrize("qualname", COUNTED)
def test_one_positional_too_many_raises(qualname):
    """The rule's premise, for every class it counts: one positional argument more than the table's
    signature takes fails at construction (TypeError; nn.LSTMCell's __new__ raises ValueError)."""
    signature = load_facts().entries[qualname].signature(INSTALLED)
    with pytest.raises((TypeError, ValueError)):
        _resolve(qualname)(*[1] * (len(signature.positional) + 1))
