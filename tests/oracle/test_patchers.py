"""Drift: the `[patchers.mindnlp]` facts against the classes mindnlp 0.3.1's injection.py installs."""
from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from ms_lint.facts import load_facts

FACTS = load_facts()
PATCHER = FACTS.patchers["mindnlp"]
Parameters = List[Tuple[str, str]]  # (name, default source or "") in order


@pytest.fixture(scope="module")
def injection(tmp_path_factory) -> ast.Module:
    """mindnlp 0.3.1's injection.py, from its wheel (the package does not import on MindSpore 2.10)."""
    folder = tmp_path_factory.mktemp("wheels")
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "mindnlp==0.3.1",
                    "--dest", str(folder)], check=True)
    with zipfile.ZipFile(next(Path(folder).glob("mindnlp-0.3.1-*.whl"))) as wheel:
        return ast.parse(wheel.read("mindnlp/injection.py"))


def parameters(arguments: ast.arguments, skip_self: bool) -> Parameters:
    positional = arguments.posonlyargs + arguments.args
    defaults = [""] * (len(positional) - len(arguments.defaults)) + [ast.unparse(d) for d in arguments.defaults]
    pairs = [(a.arg, d) for a, d in zip(positional, defaults)]
    return pairs[1:] if skip_self else pairs


def table_parameters(source: str) -> Parameters:
    function = ast.parse("def f(%s): pass" % source).body[0]
    return parameters(function.args, skip_self=False)


def installed_layers(module: ast.Module) -> Dict[str, Parameters]:
    """`nn.<Layer> = <Class>` at module level: the layer's name and its replacement's __init__."""
    classes = {node.name: node for node in module.body if isinstance(node, ast.ClassDef)}
    layers = {}
    for node in module.body:
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Name)):
            continue
        for target in node.targets:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id == "nn" and node.value.id in classes):
                init = next(f for f in classes[node.value.id].body
                            if isinstance(f, ast.FunctionDef) and f.name == "__init__")
                layers[target.attr] = parameters(init.args, skip_self=True)
    return layers


def test_every_replaced_layer_with_another_signature_is_in_the_table(injection):
    layers = installed_layers(injection)
    assert {"Dense", "Embedding", "Dropout", "LayerNorm", "BatchNorm1d", "BatchNorm2d"} <= set(layers)
    for name, installed in layers.items():
        original = FACTS.lookup("mindspore.nn." + name)
        patched = PATCHER["api"].get("mindspore.nn." + name)
        if patched:
            assert table_parameters(patched["signature"]) == installed, name
        else:  # left as MindSpore has it, in one of the measured versions
            measured = [table_parameters(original.signature(v).source) for v in FACTS.measured]
            assert installed in measured, name


def test_every_table_patch_is_installed(injection):
    layers = installed_layers(injection)
    for qualname in PATCHER["api"]:
        assert qualname.rsplit(".", 1)[-1] in layers, qualname


def test_cell_methods_it_adds_are_in_the_table(injection):
    added = {target.attr for node in ast.walk(injection) if isinstance(node, ast.Assign)
             for target in node.targets
             if isinstance(target, ast.Attribute) and ast.unparse(target.value) == "nn.Cell"}
    missing_on_cells = set(FACTS.cell_methods_missing)
    assert added & missing_on_cells == set(PATCHER["cell-methods"])


def test_names_it_sets_on_mindspore_modules_are_in_the_table(injection):
    modules = {"mindspore": "mindspore", "ops": "mindspore.ops"}
    set_names: Dict[str, set] = {}
    for node in ast.walk(injection):
        for target in getattr(node, "targets", ()):
            if isinstance(target, ast.Attribute) and ast.unparse(target.value) in modules:
                set_names.setdefault(modules[ast.unparse(target.value)], set()).add(target.attr)
    assert {m: tuple(sorted(names)) for m, names in set_names.items()} == PATCHER["exports"]
