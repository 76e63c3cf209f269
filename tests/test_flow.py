"""Data flow: bindings, mutations, reads, certainty and branches inside one scope; a name's assignments
and the bindings that reach a use."""
import ast
import textwrap

from ms_lint.analysis.dataflow import (
    Flow,
    assigned_in,
    assignments,
    bound_value,
    constructed,
    may_reach,
    method_owner,
    only_binding,
    self_parameter,
    visible_bindings,
)
from ms_lint.analysis.names import Names
from ms_lint.analysis.parents import Parents


def flow_of(source: str):
    """The flow of the first function in `source`, and a finder for its calls by callee text."""
    tree = ast.parse(textwrap.dedent(source))
    function = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))

    def call(text: str, nth: int = 0) -> ast.Call:
        calls = [n for n in ast.walk(function) if isinstance(n, ast.Call) and ast.unparse(n.func) == text]
        return sorted(calls, key=lambda c: (c.lineno, c.col_offset))[nth]

    return Flow(function, Parents(tree)), call


def test_kinds_of_occurrences():
    flow, _ = flow_of(
        """
        def f(net):
            groups = []
            groups.append({'params': net})
            groups += [{'params': net}]
            groups[0] = {}
            use(groups)
            def inner():
                groups.clear()
        """
    )
    kinds = [(o.kind, o.method) for o in flow.occurrences("groups")]
    assert kinds[:4] == [("bind", ""), ("mutate", "append"), ("mutate", "+="), ("mutate", "[]=")]
    assert kinds[4:] == [("read", ""), ("nested", "")]
    assert isinstance(flow.occurrences("groups")[0].value, ast.List)


def test_tuple_assignment_binds_each_element():
    flow, call = flow_of("def f():\n    a, b = [], 1\n    use(a, b)")
    bound = flow.reaching("a", call("use"))
    assert isinstance(bound.value, ast.List)
    assert flow.reaching("b", call("use")).value.value == 1


def test_reaching_is_certain_only_on_straight_lines():
    flow, call = flow_of(
        """
        def f(cfg):
            x = 1
            first(x)
            if cfg:
                x = 2
            second(x)
            x = x + 1
            third(x)
        """
    )
    assert flow.reaching("x", call("first")).value.value == 1
    assert flow.reaching("x", call("second")) is None
    assert isinstance(flow.reaching("x", call("third")).value, ast.BinOp)
    assert flow.reaching("cfg", call("first")) is None


def test_reaching_sees_loop_back_edges():
    flow, call = flow_of(
        """
        def f(items):
            x = []
            for item in items:
                use(x)
                x = item
        """
    )
    assert flow.reaching("x", call("use")) is None


def test_between_includes_loop_back_and_closures():
    flow, call = flow_of(
        """
        def f(items):
            x = []
            for item in items:
                build(x)
                x.append(item)
            done(x)
            def later():
                x.pop()
        """
    )
    bound = flow.reaching("x", call("done"))
    assert [o.method for o in flow.between("x", bound, call("build"))] == ["append", ""]
    assert [o.kind for o in flow.between("x", bound, call("done"))] == ["read", "mutate", "nested"]


def test_comprehension_variables_are_not_the_scope_s_names():
    flow, _ = flow_of("def f(p):\n    return [p for p in range(3)], p")
    assert [o.kind for o in flow.occurrences("p")] == ["read"]


def test_conditional_and_may_follow():
    flow, call = flow_of(
        """
        def f(cfg):
            start()
            if cfg:
                a()
                return b()
            else:
                c()
            d()
            try:
                e()
            except ValueError:
                g()
        """
    )
    assert flow.conditional(call("a"), call("start"))
    assert not flow.conditional(call("d"), call("start"))
    assert not flow.may_follow(call("a"), call("c"))
    assert not flow.may_follow(call("b"), call("d"))
    assert not flow.may_follow(call("a"), call("d"))
    assert flow.may_follow(call("start"), call("d"))
    assert flow.may_follow(call("c"), call("d"))
    assert not flow.may_follow(call("e"), call("g"))


def test_may_follow_inside_comprehensions():
    flow, call = flow_of("def f(xs):\n    a()\n    return [b(x) for x in xs]")
    assert flow.may_follow(call("b"), call("a")) is True


# --- a name's bindings, from the name table ----------------------------------------------------
def names_of(source: str):
    """The name table of `source`, the scope of its first function, and a finder for a name's uses there."""
    tree = ast.parse(textwrap.dedent(source))
    names = Names(tree)
    function = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))

    def use(name: str, nth: int = -1) -> ast.Name:
        found = [n for n in ast.walk(function) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
        return sorted(found, key=lambda n: (n.lineno, n.col_offset))[nth]

    return names, names.scope_of(function), use


def test_assignments_of_names_and_self_attributes():
    names, scope, use = names_of(
        """
        class Net:
            def __init__(self, cfg):
                self.a = make(1)
                if cfg:
                    self.a = make(2)
                x = build()
                y = other()
                for y in cfg:
                    pass
                use(x, y, self.a, self.b)
        """
    )
    [(value, where)] = assignments(names, use("x"), scope)
    assert ast.unparse(value) == "build()" and where is scope
    assert assignments(names, use("y"), scope) == []  # a loop binds it too
    self_a = ast.parse("self.a", mode="eval").body
    assert [ast.unparse(v) for v in constructed(names, self_a, scope)] == ["make(1)", "make(2)"]
    assert all(where is scope for _, where in assignments(names, self_a, scope))
    assert assignments(names, ast.parse("self.b", mode="eval").body, scope) == []
    assert assigned_in(scope, "x")[0][0] is value and assigned_in(scope, "unbound") == []
    assert self_parameter(scope.node) == "self" and method_owner(scope).is_class


def test_bound_values_and_visible_bindings():
    names, scope, use = names_of(
        """
        def f(data):
            q, k = split(data)
            try:
                q = load()
            except ValueError:
                q = fallback()
            use(q, k)
        """
    )
    [k] = visible_bindings(names, use("k"), scope)
    assert ast.unparse(bound_value(k)) == "split(data)"
    assert [ast.unparse(bound_value(b)) for b in visible_bindings(names, use("q"), scope)] == ["split(data)", "load()"]
    assert bound_value(visible_bindings(names, use("data"), scope)[0]) is None


def test_may_reach_keeps_the_dominating_binding_and_later_conditional_ones():
    names, scope, use = names_of(
        """
        def f(cfg):
            x = a()
            x = b()
            if cfg:
                x = c()
            use(x)
            if cfg:
                y = d()
            use(y)
            z = e()
            z = z + 1
        """
    )
    flow = Flow(scope.node, Parents(scope.node))
    reaching = may_reach(visible_bindings(names, use("x"), scope), use("x"), flow)
    assert [ast.unparse(b.value) for b in reaching] == ["b()", "c()"]
    assert may_reach(visible_bindings(names, use("y"), scope), use("y"), flow) == []
    z_first, z_second = visible_bindings(names, use("z"), scope)
    assert may_reach([z_first, z_second], use("z"), flow) == [z_first]  # an assignment does not reach its own value
    assert flow.dominates(z_first.node, use("z")) and not flow.dominates(z_second.node, use("x"))


def test_only_binding_sees_later_lines_and_loops():
    names, scope, use = names_of(
        """
        def f():
            g = first
            run(g)
            g = second
        """
    )
    first, _ = scope.bindings["g"]
    assert only_binding(first, use("g"), in_loop=False)
    assert not only_binding(first, use("g"), in_loop=True)
    assert not only_binding(scope.bindings["g"][1], use("g"), in_loop=False)
