"""The layering: each module imports only its own layer and those below, and no import cycle exists.

The graph is read from the source (every import statement, function-local and TYPE_CHECKING ones
included), never by importing. A newcomer's map of the package, lowest layer first:
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, List, Set

PACKAGE = Path(__file__).resolve().parents[1] / "ms_lint"

LAYERS: List[List[str]] = [
    ["ms_lint", "ms_lint.model", "ms_lint.files"],  # shared data types and file I/O: nothing of ms_lint
    ["ms_lint.facts"],  # the API facts table, its typed accessors, versions
    ["ms_lint.analysis"],  # names and scopes, values, data flow, origins, the file context
    ["ms_lint.fixes"],  # edit builders and the one applier
    ["ms_lint.checkers"],  # the rules, one module or package per family
    ["ms_lint.registry"],  # the only importer of the checkers; rule selection
    ["ms_lint.engine"],  # settings, pre-filter, parse, the one walk, suppressions
    ["ms_lint.output"],  # formats and rule docs
    ["ms_lint.run"],  # config files, discovery, cache, workers, --fix on disk, the command
    [  # the front-ends
        "ms_lint.cli", "ms_lint.flake8_plugin", "ms_lint.pylint_plugin", "ms_lint.astroid_bridge",
        "ms_lint.server", "ms_lint.pylsp_plugin", "ms_lint.editor_findings",
    ],
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> Dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    best, found = -1, None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    assert found is not None, "%s is in no layer of LAYERS" % module
    return found


def imports(module: str, path: Path, known: Dict[str, Path]) -> Set[str]:
    """The ms_lint modules `module` imports: `from a.b import c` counts as a.b.c when that is a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                found.add(base + "." + alias.name if base + "." + alias.name in known else base)
    return {name for name in found if name in known and name != module}


def graph() -> Dict[str, Set[str]]:
    known = modules()
    return {module: imports(module, path, known) for module, path in known.items()}


def test_every_module_has_a_layer():
    for module in modules():
        layer_of(module)


def test_no_module_imports_a_higher_layer():
    upward = [
        "%s (layer %d) imports %s (layer %d)" % (module, layer_of(module), target, layer_of(target))
        for module, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert not upward, "\n".join(upward)


def test_no_import_cycle():
    edges = graph()
    cycles: List[List[str]] = []
    state: Dict[str, int] = {}  # 1: on the path, 2: done
    path: List[str] = []

    def visit(module: str) -> None:  # the graph has a few dozen nodes: recursion is bounded by them
        state[module] = 1
        path.append(module)
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module)
    assert not cycles, "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_only_the_registry_imports_the_checkers():
    importers = sorted(
        module
        for module, targets in graph().items()
        if not module.startswith("ms_lint.checkers") and any(t.startswith("ms_lint.checkers") for t in targets)
    )
    assert importers == ["ms_lint.registry"]


def test_a_rule_family_imports_no_other_family():
    """What two families share is an analysis (ms_lint.analysis) or an edit builder (ms_lint.fixes)."""

    def family(module: str) -> str:
        return ".".join(module.split(".")[:3])

    crossing = sorted(
        "%s imports %s" % (module, target)
        for module, targets in graph().items()
        if module.startswith("ms_lint.checkers.")
        for target in targets
        if target.startswith("ms_lint.checkers.") and family(target) != family(module)
    )
    assert not crossing, "\n".join(crossing)


def test_the_graph_sees_function_local_imports(tmp_path):
    """The reader counts an import inside a function, and a relative import, like any other."""
    source = "def f():\n    from ms_lint.engine import lint_source\n    from . import model\n"
    path = PACKAGE / "files.py"
    tree_imports = imports("ms_lint.files", _write(tmp_path, path, source), {**modules(), "ms_lint.files": path})
    assert tree_imports == {"ms_lint.engine", "ms_lint.model"}


def _write(tmp_path: Path, like: Path, source: str) -> Path:
    target = tmp_path / like.name
    target.write_text(source, encoding="utf-8")
    return target
