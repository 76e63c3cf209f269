"""The parent service and the class-hierarchy service: one answer per question, for every rule."""
import ast
import textwrap

from ms_lint.analysis.context import FileContext
from ms_lint.analysis.names import MAX_DEPTH
from ms_lint.analysis.parents import Parents, children, walk
from ms_lint.facts import load_facts

SOURCE = textwrap.dedent(
    """
    import mindspore.nn as nn

    class Base(nn.Cell):
        def construct(self, x):
            return x

    class Net(Base):
        @decorate(nn.Dense)
        def forward(self, x=nn.ReLU):
            for item in x:
                if item:
                    y = [nn.Dense(1, 2) for _ in item]
            return y

    class Child(Net):
        def extra(self):
            pass

    class Plain:
        pass
    """
)


def context():
    tree = ast.parse(SOURCE)
    return tree, FileContext("m.py", SOURCE, tree, load_facts(), load_facts().newest, frozenset())


def find(tree, kind, pick=lambda n: True):
    return next(n for n in ast.walk(tree) if isinstance(n, kind) and pick(n))


def classes(tree):
    return {n.name: n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}


def test_walk_and_children_give_the_standard_librarys_nodes_in_its_order():
    tree = ast.parse(SOURCE + "f(*a, k=[1, {2: 3}], **kw)\nx: int = lambda y=1: y if y else -y\n")
    assert [id(n) for n in walk(tree)] == [id(n) for n in ast.walk(tree)]
    for node in ast.walk(tree):
        assert [id(c) for c in children(node)] == [id(c) for c in ast.iter_child_nodes(node)]
    partial = ast.Call(func=ast.Name("f", ast.Load()), args=[], keywords=[])  # made by hand, no position
    assert list(walk(partial)) == list(ast.walk(partial))


def test_parent_field_and_ancestors_of_any_node():
    tree = ast.parse(SOURCE)
    parents = Parents(tree)
    call = find(tree, ast.Call, lambda n: ast.unparse(n) == "nn.Dense(1, 2)")
    comprehension = find(tree, ast.ListComp)
    assert parents.parent(call) is comprehension and parents.step(call) == (comprehension, "elt")
    kinds = [type(a).__name__ for a in parents.ancestors(call)]
    assert kinds == ["ListComp", "Assign", "If", "For", "FunctionDef", "ClassDef", "Module"]
    assert parents.enclosing(call, ast.For, ast.While) is find(tree, ast.For)
    assert parents.enclosing(call, ast.Lambda) is None
    assert parents.parent(tree) is None and parents.step(tree) == (None, "")
    assert [(type(p).__name__, type(c).__name__) for p, c in parents.links(call)][:2] == [("ListComp", "Call"), ("Assign", "ListComp")]


def test_path_stops_at_the_root_and_is_empty_outside_it():
    tree = ast.parse(SOURCE)
    parents = Parents(tree)
    function = find(tree, ast.FunctionDef, lambda n: n.name == "forward")
    call = find(tree, ast.Call, lambda n: ast.unparse(n) == "nn.Dense(1, 2)")
    path = parents.path(call, function)
    assert path[0] == (function, "body") and [f for _, f in path] == ["body", "body", "body", "value", "elt"]
    other = find(tree, ast.FunctionDef, lambda n: n.name == "construct")
    assert parents.path(call, other) == () and parents.path(function, function) == ()


def test_nodes_in_source_order_without_shared_operators():
    tree = ast.parse("a = b + c\n")
    nodes = Parents(tree).nodes()
    assert nodes[0] is tree and [type(n).__name__ for n in nodes[1:]] == ["Assign", "Name", "BinOp", "Name", "Name"]


def test_the_visited_node_is_answered_from_the_walk_stack():
    tree = ast.parse("f(x)\n")
    call = tree.body[0].value
    stack = [tree, tree.body[0], call]
    parents = Parents(tree, stack)
    assert parents.parent(call) is tree.body[0] and parents.ancestors(call) == [tree.body[0], tree]
    assert parents._steps is None  # no table needed for the visited node
    assert parents.parent(call.args[0]) is call


def test_scope_at_is_the_scope_the_walk_visits_a_node_in():
    tree, ctx = context()
    forward = find(tree, ast.FunctionDef, lambda n: n.name == "forward")
    default = forward.args.defaults[0]
    decorator = forward.decorator_list[0]
    assert ctx.scope_at(default).node is forward and ctx.scope_at(decorator).node is forward
    assert ctx.scope_at(forward).node is classes(tree)["Net"]
    assert ctx.scope_at(tree.body[0]) is ctx.names.module


def test_api_answer_does_not_depend_on_who_asks_first():
    tree = ast.parse("import mindspore.nn as nn\ndef f():\n    import torch.nn as nn\n    nn.Dense\nnn.Dense\n")
    ctx = FileContext("m.py", "", tree, load_facts(), load_facts().newest, frozenset())
    inner, outer = tree.body[1].body[1].value, tree.body[2].value
    assert ctx.api(inner) is None  # torch's, asked from the module scope
    assert ctx.api(outer).qualname == "mindspore.nn.Dense"
    assert ctx.api(inner, ctx.names.module).qualname == "mindspore.nn.Dense"  # explicit scope, own cache entry
    assert ctx.api(inner) is None


def test_class_hierarchy_service():
    tree, ctx = context()
    found = classes(tree)
    service = ctx.classes
    assert {name for name, cls in found.items() if service.is_cell(cls)} == {"Base", "Net", "Child"}
    assert service.bases(found["Child"]) == ["mindspore.nn.Cell"]
    assert [c.name for c in service.lineage(found["Child"])] == ["Child", "Net", "Base"]
    assert {c.name for c in service.subclasses(found["Base"])} == {"Net", "Child"}
    view = service.view(found["Net"])
    assert {"construct", "forward"} <= view.methods and view.complete
    assert not service.view(found["Plain"]).methods and service.defines(found["Child"], "extra")
    assert service.inherited_entry(ast.parse("nn.Dense", mode="eval").body, ctx.names.module).qualname == "mindspore.nn.Dense"


def test_class_chains_stop_at_the_one_depth_limit():
    lines = ["import mindspore.nn as nn", "class C0(nn.Cell):", "    pass"]
    for index in range(1, MAX_DEPTH + 4):
        lines += ["class C%d(C%d):" % (index, index - 1), "    pass"]
    source = "\n".join(lines) + "\n"
    tree = ast.parse(source)
    ctx = FileContext("m.py", source, tree, load_facts(), load_facts().newest, frozenset())
    found = classes(tree)
    assert ctx.classes.is_cell(found["C%d" % MAX_DEPTH])
    assert not ctx.classes.is_cell(found["C%d" % (MAX_DEPTH + 3)])
    assert not ctx.classes.view(found["C%d" % (MAX_DEPTH + 3)]).complete
