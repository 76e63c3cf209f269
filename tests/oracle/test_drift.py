"""Drift: every signature, absence, module export list, class-kind trait, Cell method and tensor fact
in the API facts table against the installed MindSpore. Run on each version the table lists as measured: 2.0.0, 2.7.0,
2.8.0, 2.9.0 and 2.10.0 (`tox -e drift-ms2.0,drift-ms2.7,drift-ms2.8,drift-ms2.9,oracle`)."""
from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from importlib import metadata
from typing import Any

import pytest
from static_facts import NON_LITERAL, Shape, shape_of_source

from ms_lint.facts import ApiEntry, format_version, load_facts, parse_version

FACTS = load_facts()
INSTALLED = parse_version(metadata.version("mindspore"))
_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword",
    inspect.Parameter.VAR_POSITIONAL: "*",
    inspect.Parameter.VAR_KEYWORD: "**",
}


def resolve(qualname: str) -> Any:
    """The object a qualified name names in the installed MindSpore."""
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


def unwrapped_init(obj: Any) -> Any:
    """A class's __init__ (or a function), through decorators that keep it in a closure."""
    func = obj.__init__ if inspect.isclass(obj) else obj
    for cell in getattr(func, "__closure__", None) or ():
        inner = cell.cell_contents
        if inspect.isfunction(inner) and inner.__qualname__.endswith(".__init__"):
            return inner
    return func


def installed_shape(obj: Any) -> Shape:
    params = list(inspect.signature(unwrapped_init(obj)).parameters.values())
    if inspect.isclass(obj) and params and params[0].name in ("self", "cls"):
        params = params[1:]
    return [(p.name, _KINDS[p.kind], _default(p.default)) for p in params]


def _default(value: Any) -> Any:
    if value is inspect.Parameter.empty:
        return None
    try:
        return ast.literal_eval(repr(value))
    except (ValueError, SyntaxError):
        return NON_LITERAL


def table_shape(entry: ApiEntry) -> Shape:
    return shape_of_source(entry.signature(INSTALLED).source)


PRESENT = {q for q, e in FACTS.entries.items() if e.available(INSTALLED)}
SIGNED = sorted(q for q in PRESENT if FACTS.entries[q].signature(INSTALLED) is not None)


def test_the_installed_version_is_measured():
    assert INSTALLED in FACTS.measured


@pytest.mark.parametrize("qualname", sorted(FACTS.entries))
def test_the_table_knows_whether_each_api_exists(qualname):
    try:
        resolve(qualname)
    except (AttributeError, ImportError):
        assert qualname not in PRESENT, "missing in %s, which the table does not list as absent" % format_version(INSTALLED)
    else:
        assert qualname in PRESENT


def test_the_table_has_entries_to_check():
    assert len(SIGNED) > 250


@pytest.mark.parametrize("qualname", SIGNED)
def test_signature_matches_installed_mindspore(qualname):
    entry = FACTS.entries[qualname]
    assert table_shape(entry) == installed_shape(resolve(qualname))


CHOICES = sorted((q, name) for q in PRESENT for name in FACTS.entries[q].choices(INSTALLED))


def _build(qualname: str, **arguments: Any) -> Any:
    """The class constructed with 1 for every parameter without a default, and `arguments`."""
    signature = FACTS.entries[qualname].signature(INSTALLED)
    required = [1 for name in signature.positional if name not in signature.defaults]
    return resolve(qualname)(*required, **arguments)


@pytest.mark.parametrize("qualname, name", CHOICES)
def test_string_choices_match_what_construction_accepts(qualname, name):
    """Every listed string constructs (in any case where the table says so, else only as listed);
    anything else raises ValueError."""
    entry = FACTS.entries[qualname]
    choices = entry.choices(INSTALLED)[name]
    for value in choices:
        _build(qualname, **{name: value})
        if name in entry.choices_any_case:
            _build(qualname, **{name: value.upper()})
        else:
            with pytest.raises(ValueError):
                _build(qualname, **{name: value.upper()})
    for value in ["x" + choices[0], "", "zeros", "elementwise_mean"]:
        with pytest.raises(ValueError):
            _build(qualname, **{name: value})


CLASS_TRAITS = {"cell": "mindspore.nn.Cell", "optimizer": "mindspore.nn.Optimizer", "loss": "mindspore.nn.LossBase",
                "lr-schedule": "mindspore.nn.learning_rate_schedule.LearningRateSchedule"}


@pytest.mark.parametrize("qualname", sorted(q for q in PRESENT if FACTS.entries[q].kind == "class"))
def test_class_kind_traits_match_the_class_hierarchy(qualname):
    obj = resolve(qualname)
    expected = {t for t, base in CLASS_TRAITS.items() if inspect.isclass(obj) and issubclass(obj, resolve(base))}
    assert FACTS.entries[qualname].traits & set(CLASS_TRAITS) == expected


@pytest.mark.parametrize("alias, target", sorted(FACTS._exact.items()) + sorted(FACTS._collapse.items()))
def test_aliases_point_at_modules_that_exist(alias, target):
    """Every target exists; every internal module the table folds exists in the newest version."""
    if alias.startswith("mindspore"):
        assert inspect.ismodule(resolve(target))
        if INSTALLED == FACTS.measured[-1]:
            assert inspect.ismodule(resolve(alias))


@pytest.mark.parametrize("qualname", sorted(q for q, e in FACTS.entries.items() if e.since is not None))
def test_apis_exist_from_their_since_version(qualname):
    assert FACTS.entries[qualname].available(INSTALLED)
    resolve(qualname)


def test_tensor_transpose_of_two_axes_does_what_the_table_says():
    import mindspore
    import numpy as np

    shape = mindspore.Tensor(np.zeros((2, 3), np.float32)).transpose(0, 1).shape  # identity as a permutation
    measured = "swap" if tuple(shape) == (3, 2) else "permutation"
    assert FACTS.entries["mindspore.Tensor.transpose"].two_axes(INSTALLED) == measured


_RETURNS = {"list": lambda value: isinstance(value, list), "dict": lambda value: isinstance(value, dict),
            "iterator": lambda value: iter(value) is value}


@pytest.mark.parametrize("method", sorted(FACTS.cell_methods))
def test_cell_methods_exist_and_return_what_the_table_says(method):
    from mindspore import nn

    cell = nn.Dense(2, 2)
    found = getattr(cell, method)
    returns = FACTS.cell_methods[method].returns
    if returns is not None:
        assert _RETURNS[returns](found())
    parameters = FACTS.cell_methods[method].parameters
    if parameters is not None:
        cell.bias.requires_grad = False
        value = found()
        given = list(value.values()) if isinstance(value, dict) else [p[1] if isinstance(p, tuple) else p for p in value]
        expected = {"trainable": [cell.weight], "untrainable": [cell.bias], "all": [cell.weight, cell.bias]}[parameters]
        assert [p.name for p in given] == [p.name for p in expected]


@pytest.mark.parametrize("method", sorted(FACTS.cell_methods))
def test_cell_methods_are_not_torch_module_methods(method):
    """A name a torch Module also has says nothing about the object being a Cell (where torch is installed)."""
    torch = pytest.importorskip("torch")
    assert not hasattr(torch.nn.Module, method), "torch.nn.Module has it too: not a Cell-only method"


@pytest.mark.parametrize("method", sorted(FACTS.tensors.non_tensor_methods))
def test_tensor_methods_the_table_says_return_no_tensor_do(method):
    """What these give is no evidence of a tensor MSL401 could transpose: no tensor with an axis (2.0's
    `item()` gives a 0-d tensor), or the method is absent from this version (2.0 has no `tolist`)."""
    import mindspore
    import numpy as np

    found = getattr(mindspore.Tensor(np.zeros((1,), np.float32)), method, None)  # `size` is a property in 2.10
    value = found() if callable(found) else found
    assert not (isinstance(value, mindspore.Tensor) and value.ndim > 0)


@pytest.mark.parametrize("name", sorted(FACTS.tensors.reductions))
def test_reductions_exist_as_tensor_methods_or_in_the_reduction_modules(name):
    import mindspore

    modules = []
    for module in FACTS.tensors.reduction_modules:  # mindspore.mint is 2.3+
        try:
            modules.append(importlib.import_module(module.rstrip(".")))
        except ImportError:
            continue
    assert hasattr(mindspore.Tensor, name) or any(hasattr(m, name) for m in modules)


@pytest.mark.parametrize("module", sorted(FACTS.modules))
def test_module_exports_match_the_installed_mindspore(module):
    measured = dict(FACTS.modules[module].exports)
    if INSTALLED not in measured:  # a module this version does not have yet
        with pytest.raises(ImportError):
            importlib.import_module(module)
        return
    listing = "import %s as m; print('\\n'.join(n for n in dir(m) if not n.startswith('_')))" % module
    output = subprocess.run([sys.executable, "-c", listing], capture_output=True, text=True, check=True).stdout
    assert sorted(output.split()) == sorted(measured[INSTALLED])  # in a fresh process: no lazily loaded extras
