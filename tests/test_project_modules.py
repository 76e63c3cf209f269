"""The module finder, module summaries and the Project service (ms_lint.analysis.project)."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ms_lint.analysis.names import MAX_DEPTH
from ms_lint.analysis.project import finder, summaries
from ms_lint.analysis.project.finder import find_module, package_of, search_roots
from ms_lint.analysis.project.modules import Project
from ms_lint.analysis.project.summaries import SUMMARY_VERSION, ClassSummary, ModuleSummary, summarise, summary_of
from ms_lint.engine import lint_file
from ms_lint.engine.settings import Settings
from ms_lint.facts import load_facts

MARKER_INIT = "import pathlib\npathlib.Path(%r).write_text('ran')\n"


def _tree(root: Path, files: dict) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# --- finder ---------------------------------------------------------------------------------------
def test_the_package_root_is_found_by_walking_up_init_files(tmp_path):
    _tree(tmp_path, {"proj/pkg/__init__.py": "", "proj/pkg/models/__init__.py": "", "proj/pkg/models/head.py": "", "proj/train.py": ""})
    assert package_of(str(tmp_path / "proj/pkg/models/head.py")) == (str(tmp_path / "proj"), "pkg.models")
    assert package_of(str(tmp_path / "proj/pkg/models/__init__.py")) == (str(tmp_path / "proj"), "pkg.models")
    assert package_of(str(tmp_path / "proj/train.py")) == (str(tmp_path / "proj"), "")


def test_search_roots_hold_the_script_directory_its_src_and_the_path_but_not_the_working_directory(tmp_path, monkeypatch):
    _tree(tmp_path, {"proj/train.py": "", "proj/src/lib/__init__.py": ""})
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    roots = search_roots(str(tmp_path / "proj/train.py"))
    assert roots[:2] == (str(tmp_path / "proj"), str(tmp_path / "proj/src"))
    assert str(tmp_path) not in roots
    assert search_roots(str(tmp_path / "proj/unsaved.py"))[:1] != (str(tmp_path / "proj"),)


def test_modules_are_found_level_by_level_and_nothing_runs(tmp_path):
    marker = tmp_path / "EXECUTED"
    _tree(tmp_path, {
        "site/trap/__init__.py": MARKER_INIT % str(marker),
        "site/trap/sub/__init__.py": MARKER_INIT % str(marker),
        "site/trap/sub/leaf.py": "class Leaf: pass\n",
        "site/spaced/inner.py": "",
        "site/native.so": "",
    })
    roots = (str(tmp_path / "site"),)
    assert find_module("trap.sub.leaf", roots) == str(tmp_path / "site/trap/sub/leaf.py")
    assert find_module("trap", roots) == str(tmp_path / "site/trap/__init__.py")
    assert find_module("spaced.inner", roots) == str(tmp_path / "site/spaced/inner.py")  # through a namespace package
    assert find_module("spaced", roots) is None  # a namespace package has no source
    assert find_module("native", roots) is None
    assert find_module("trap.missing", roots) is None and find_module("trap.sub.leaf.deeper", roots) is None
    assert find_module("trap..sub", roots) is None
    assert not marker.exists()


def test_linting_never_runs_a_module_it_looks_into(tmp_path, monkeypatch):
    """The engine and the CLI follow a base into a package whose __init__ would leave a marker file."""
    marker = tmp_path / "EXECUTED"
    _tree(tmp_path, {
        "site/trap/__init__.py": MARKER_INIT % str(marker) + "from trap.base import Base\n",
        "site/trap/base.py": "import mindspore.nn as nn\n\n\nclass Base(nn.Cell):\n    pass\n",
        "proj/net.py": "from mindspore import ops\nfrom trap import Base\n\n\nclass Net(Base):\n    def forward(self, x):\n        return x\n",
    })
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert [f.code for f in lint_file(str(tmp_path / "proj/net.py"), Settings()).findings] == ["MSL131"]
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-m", "ms_lint.cli", "--isolated", "--no-cache", str(tmp_path / "proj")],
                          capture_output=True, text=True, env=env, cwd=str(tmp_path))
    assert "MSL131" in done.stdout
    assert not marker.exists()


# --- summaries ------------------------------------------------------------------------------------
MODELS = '''
import mindspore.nn as nn
from mindspore.nn import Cell as C
from . import layers
from .layers import Block as B
from ..util import helper
from other.pkg import *
from .star import *

__all__ = ["Head", "Plain"]


class Head(nn.Cell):
    scale = 2

    def __init__(self):
        super().__init__()
        self.block = B()
        self.norm = layers.Norm()

    def forward(self, x):
        return x


class Plain(Head, B, layers.Norm, C, make_base()):
    def construct(self, x):
        self.cache = x
        return x
'''


def test_a_summary_holds_classes_bases_methods_attributes_and_re_exports():
    summary = summarise(ast.parse(MODELS), "pkg.models.head", is_package=False)
    head, plain = summary.classes["Head"], summary.classes["Plain"]
    assert head == ClassSummary(["mindspore.nn.Cell"], ["__init__", "forward", "scale"], ["block", "norm"])
    assert head.defines_forward and not head.defines_construct
    assert plain.bases == ["pkg.models.head.Head", "pkg.models.layers.Block", "pkg.models.layers.Norm", "mindspore.nn.Cell", None]
    assert plain.defines_construct and plain.attributes == ["cache"]
    assert summary.imports == {
        "nn": "mindspore.nn", "C": "mindspore.nn.Cell", "layers": "pkg.models.layers", "B": "pkg.models.layers.Block",
        "helper": "pkg.util.helper",
    }
    assert summary.star_imports == ["other.pkg", "pkg.models.star"]
    assert summary.exports == ["Head", "Plain"] and summary.star_exports("Head") and not summary.star_exports("B")


HUB = '''
from mindspore import nn


class Hub(nn.Cell):
    def construct(self, *args, **kwargs):
        return self.forward(*args, **kwargs)


class OwnForward(nn.Cell):
    def forward(self, x):
        return self.forward(x)

    def construct(self, x):
        return other.forward(x)
'''


def test_a_summary_records_whether_a_method_but_forward_calls_self_forward():
    """A hub-style construct runs a subclass's forward (MSL135 stays silent under it); forward calling
    itself, or `.forward` on another object, does not."""
    summary = summarise(ast.parse(HUB), "pkg.hub", is_package=False)
    assert summary.classes["Hub"].calls_forward
    assert not summary.classes["OwnForward"].calls_forward
    assert ModuleSummary.from_json(summary.to_json()) == summary


def test_an_init_re_exports_relative_to_its_own_package():
    summary = summarise(ast.parse("from .a import B\nfrom . import c\n"), "pkg", is_package=True)
    assert summary.imports == {"B": "pkg.a.B", "c": "pkg.c"}
    assert summarise(ast.parse("from ... import x\n"), "top", is_package=True).imports == {}


def test_without_a_literal_all_a_star_import_binds_the_public_names():
    computed = summarise(ast.parse("__all__ = ['A']\n__all__ += ['B']\nclass A: pass\nclass B: pass\nclass _C: pass\n"), "m", False)
    assert computed.exports is None
    assert computed.star_exports("A") and computed.star_exports("B") and not computed.star_exports("_C")


CONSTANTS = """
import os
BN_MOMENTUM = 0.1
KEEP: float = 1 - BN_MOMENTUM
MODE = "same"
FLAG = True
TWICE = 1
TWICE = 2
ENV = os.environ.get("X")
INF = float("inf")
SIZES = (3, 3)


def scale(default=0.5):
    global GLOBAL
    GLOBAL = default


FROM_DEFAULT = scale.__defaults__
"""


def test_a_summary_holds_the_constants_a_module_assigns_once_without_parameters():
    summary = summarise(ast.parse(CONSTANTS), "pkg.settings", is_package=False)
    assert summary.constants == {"BN_MOMENTUM": 0.1, "KEEP": 0.9, "MODE": "same", "FLAG": True}
    assert ModuleSummary.from_json(summary.to_json()).constants == summary.constants
    damaged = summary.to_json().replace('"MODE": "same"', '"MODE": ["same"]')
    with pytest.raises(ValueError):
        ModuleSummary.from_json(damaged)  # a constant that is a list


def test_a_summary_holds_the_functions_that_return_what_mindspore_computed():
    source = (
        "import numpy as np\nfrom mindspore import ops\n"
        "def mse(p, t):\n    d = p - t\n    loss = ops.mean(d * d)\n    return loss\n"
        "def chained(x):\n    return ops.abs(x).sum() * 2\n"
        "def host(x):\n    return np.mean(x)\n"
        "def either(x, f):\n    if f:\n        return ops.abs(x)\n    return x\n"
        "def applied(ops, x):\n    return ops.mean(x)\n"
    )
    summary = summarise(ast.parse(source), "pkg.losses", is_package=False)
    assert summary.returns_mindspore == {"mse": True, "chained": True}
    assert ModuleSummary.from_json(summary.to_json()) == summary


def test_a_summary_holds_the_parameter_groups_a_function_returns():
    source = (
        "import itertools\n"
        "def groups(net, wd):\n    decay = [p for p in net.trainable_params() if p.ndim > 1]\n"
        "    return [{'params': decay, 'weight_decay': wd, 'momentum': 0.9}, dict(params=(p for p in decay))]\n"
        "def filled(net):\n    out = []\n    out.append({'params': [], 'lr': 0.1})\n"
        "    out.append({'params': itertools.chain(net.get_parameters())})\n    return out\n"
        "def two(net, f):\n    if f:\n        return [{'params': []}]\n    return []\n"
        "def plain(net):\n    return net.trainable_params()\n"
    )
    summary = summarise(ast.parse(source), "pkg.optim", is_package=False)
    assert sorted(summary.groups) == ["filled", "groups"]
    first, second = summary.groups["groups"]
    assert (first.line, first.column, first.keys, first.params, first.params_text) == (
        4, 13, ["params", "weight_decay", "momentum"], "", "decay")
    assert (second.keys, second.params, second.params_text) == (["params"], "generator", "(p for p in decay)")
    assert [(g.line, g.params) for g in summary.groups["filled"]] == [(7, "empty"), (8, "call:itertools.chain")]
    assert ModuleSummary.from_json(summary.to_json()) == summary
    damaged = summary.to_json().replace('"line": 7', '"line": "7"')
    with pytest.raises(ValueError):
        ModuleSummary.from_json(damaged)  # a group whose line is a string


def test_a_summary_holds_the_seeding_calls_of_the_functions_named_for_a_seed():
    source = (
        "import numpy as np\nimport torch\nimport mindspore as ms\n"
        "def set_seed(cfg, seed):\n    np.random.seed(seed)\n    torch.manual_seed(seed)\n"
        "    g = torch.Generator()\n    g.manual_seed(seed)\n"
        "def seed_all(seed):\n    from hub import hub_seed\n    hub_seed(seed)\n    ms.set_seed(seed + 1)\n"
        "def build(seed):\n    np.random.seed(seed)\n"
        "def seed_nothing():\n    return 1\n"
    )
    summary = summarise(ast.parse(source), "pkg.seeding", is_package=False)
    assert sorted(summary.seeds) == ["seed_all", "set_seed"]
    assert (summary.seeds["set_seed"].calls, summary.seeds["set_seed"].parameter) == (
        ["numpy.random.seed", "torch.manual_seed"], 1)
    assert (summary.seeds["seed_all"].calls, summary.seeds["seed_all"].parameter) == (
        ["hub.hub_seed", "mindspore.set_seed"], 0)
    assert ModuleSummary.from_json(summary.to_json()) == summary


def test_a_summary_is_json_and_versioned():
    summary = summarise(ast.parse(MODELS), "pkg.models.head", is_package=False)
    assert ModuleSummary.from_json(summary.to_json()) == summary
    assert summary.version == SUMMARY_VERSION
    for bad in ('{"version": %d}' % (SUMMARY_VERSION + 1), "[]", '{"version": %d, "name": "m"}' % SUMMARY_VERSION):
        try:
            ModuleSummary.from_json(bad)
        except ValueError:
            continue
        raise AssertionError("accepted %s" % bad)


def test_summaries_are_memoised_until_the_file_changes_and_bad_files_are_empty(tmp_path, monkeypatch):
    path = tmp_path / "m.py"
    path.write_text("class A: pass\n")
    first = summary_of(str(path), "m", False)
    assert summary_of(str(path), "m", False) is first
    path.write_text("class A:\n    def construct(self): pass\n")
    os.utime(path, ns=(1, 1))
    assert summary_of(str(path), "m", False).classes["A"].defines_construct
    path.write_text("class A(:\n")
    os.utime(path, ns=(2, 2))
    assert summary_of(str(path), "m", False) == ModuleSummary("m")
    monkeypatch.setattr(summaries, "MAX_MODULE_BYTES", 4)
    path.write_text("class B: pass\n")
    os.utime(path, ns=(3, 3))
    assert summary_of(str(path), "m", False) == ModuleSummary("m")
    assert summary_of(str(tmp_path / "gone.py"), "gone", False) == ModuleSummary("gone")


def test_summaries_are_kept_in_the_cache_by_content_and_a_foreign_entry_is_summarised_again(tmp_path, monkeypatch):
    """With a store (the cache), a module is parsed once: its summary is read back by content hash in
    a later process; an entry of another summary version, damaged or of another shape is a miss,
    replaced by a fresh summary, never an error."""
    from ms_lint.run.cache import SummaryCache

    path = tmp_path / "m.py"
    path.write_text("class A:\n    def construct(self): pass\n")
    store = SummaryCache(tmp_path / "cache")
    monkeypatch.setattr(summaries, "_stores", [store])
    monkeypatch.setattr(summaries, "_memo", {})
    computed = summary_of(str(path), "m", False)
    key = summaries.summary_key(path.read_bytes(), "m", False)
    assert ModuleSummary.from_json(store.summary_text(key)) == computed
    monkeypatch.setattr(summaries, "_memo", {})  # a new process: only the store remembers
    monkeypatch.setattr(summaries, "summarise", lambda *a: (_ for _ in ()).throw(AssertionError("parsed again")))
    assert summary_of(str(path), "m", False) == computed
    assert key != summaries.summary_key(path.read_bytes(), "m", True) != summaries.summary_key(b"", "m", False)
    monkeypatch.undo()
    monkeypatch.setattr(summaries, "_stores", [store])
    foreign = dict(json.loads(computed.to_json()), version=SUMMARY_VERSION + 1)
    shapes = ['{"version": %d, "name": "m", "classes": {"A": {"bases": [1]}}}' % SUMMARY_VERSION, "{[", json.dumps(foreign)]
    for text in shapes:
        store.keep_summary(key, text)
        monkeypatch.setattr(summaries, "_memo", {})
        assert summary_of(str(path), "m", False) == computed
        assert ModuleSummary.from_json(store.summary_text(key)) == computed


# --- the project service --------------------------------------------------------------------------
def test_classes_are_found_through_re_exports_and_star_imports_and_cycles_end(tmp_path, monkeypatch):
    _tree(tmp_path, {
        "proj/pkg/__init__.py": "from .models import Head\nfrom .loop import Name\n",
        "proj/pkg/models/__init__.py": "from .heads import *\n",
        "proj/pkg/models/heads.py": "__all__ = ['Head']\nclass Head: pass\nclass Hidden: pass\n",
        "proj/pkg/loop.py": "from .loop2 import Name\n",
        "proj/pkg/loop2.py": "from .loop import Name\n",
        "proj/pkg/net.py": "",
    })
    project = Project(str(tmp_path / "proj/pkg/net.py"), load_facts())
    assert project.package == "pkg"
    assert project.find_class("pkg.Head")[0] == "pkg.models.heads.Head"
    assert project.find_class("pkg.models.Hidden") is None  # not in the star import's __all__
    assert project.find_class("pkg.Name") is None and project.find_class("pkg.missing.X") is None


def test_mindspore_and_the_standard_library_are_never_looked_up(tmp_path, monkeypatch):
    """A package shadowing mindspore on the path is not read: MindSpore's classes are the facts table's."""
    _tree(tmp_path, {"site/mindspore/__init__.py": "class Shadow: pass\n", "proj/net.py": ""})
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    project = Project(str(tmp_path / "proj/net.py"), load_facts())
    assert not project.looked_up("mindspore.Shadow") and project.find_class("mindspore.Shadow") is None
    assert not project.looked_up("os.PathLike") and not project.looked_up("builtins.object")
    assert not project.looked_up("tinyms.layers.Layer")  # the facts table spells it mindspore.nn.Cell
    assert project.looked_up("mindnlp.transformers.PreTrainedModel")


def test_a_chain_of_bases_longer_than_max_depth_ends(tmp_path):
    files = {"proj/m%d.py" % i: "from m%d import C%d\nclass C%d(C%d): pass\n" % (i + 1, i + 1, i, i + 1) for i in range(MAX_DEPTH * 3)}
    files["proj/net.py"] = "import mindspore\nfrom m0 import C0\n\n\nclass Net(C0, mindspore.nn.Cell):\n    def forward(self, x):\n        return x\n"
    _tree(tmp_path, files)
    assert lint_file(str(tmp_path / "proj/net.py"), Settings()).findings == []  # the view is incomplete: silent


def test_the_finder_memo_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(finder, "MEMO_SIZE", 2)
    roots = (str(tmp_path),)
    for name in ("a", "b", "c"):
        find_module(name, roots)
    assert len(finder._found) <= 2


def test_a_module_over_the_size_limit_stays_out_of_sight(tmp_path, monkeypatch):
    """A network's class in a module within MAX_MODULE_BYTES is followed (Dense only: MSL301 is
    silent); in a bigger one (generated code), what it defines is out of sight and MSL301 reports."""
    from ms_lint.analysis import modes

    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    model = package / "model.py"
    model.write_text("from mindspore import nn\n\n\nclass Net(nn.Cell):\n    def __init__(self):\n"
                     "        super().__init__()\n        self.fc = nn.Dense(2, 2)\n\n    def construct(self, x):\n"
                     "        return self.fc(x)\n", encoding="utf-8")
    train = package / "train.py"
    train.write_text("import mindspore\nfrom mindspore import nn\nfrom pkg.model import Net\n\nnet = Net()\n"
                     "opt = nn.Adam(net.trainable_params())\ngrad = mindspore.value_and_grad(net, None, opt.parameters)\n",
                     encoding="utf-8")
    assert [f.code for f in lint_file(str(train), Settings()).findings] == []
    monkeypatch.setattr(summaries, "MAX_MODULE_BYTES", 64)
    monkeypatch.setattr(modes, "MAX_MODULE_BYTES", 64)
    os.utime(model, ns=(5, 5))
    assert [f.code for f in lint_file(str(train), Settings()).findings] == ["MSL301"]

