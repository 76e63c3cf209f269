"""Data flow inside one scope: bindings, mutations, reads, certainty and branches."""
import ast
import textwrap

from ms_lint.analysis.dataflow import Flow
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
