"""In pylint, classes in the project's other modules are seen through astroid."""
import ast

import astroid

from ms_lint.analysis.context import FileContext
from ms_lint.astroid_bridge import external_bases
from ms_lint.facts import load_facts

BASE = "import mindspore.nn as nn\n\n\nclass Base(nn.Cell):\n    pass\n"
MODEL = (
    "from .base import Base\nfrom pkg import base\n\n\nclass Net(Base):\n    pass\n\n\n"
    "class Other(base.Base):\n    pass\n\n\nclass Plain(object):\n    pass\n"
)


def test_bases_in_other_modules_resolve_through_astroid(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "base.py").write_text(BASE)
    (package / "model.py").write_text(MODEL)
    monkeypatch.syspath_prepend(str(tmp_path))
    module = astroid.MANAGER.ast_from_file(str(package / "model.py"), modname="pkg.model")
    tree = ast.parse(MODEL)
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}

    def context(bridge):
        return FileContext("pkg/model.py", MODEL, tree, load_facts(), load_facts().newest, frozenset(), bridge)

    seeing = context(external_bases(module))
    assert seeing.classes.bases(classes["Net"]) == ["pkg.base.Base", "mindspore.nn.Cell"]
    assert seeing.classes.is_cell(classes["Net"]) and seeing.classes.is_cell(classes["Other"])
    assert not seeing.classes.is_cell(classes["Plain"])
    assert not context(None).classes.is_cell(classes["Net"])
