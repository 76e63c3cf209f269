"""Training steps that may run in inference mode, for MSL303: a network put in inference mode (by
`set_train(False)`, or by a function of the module that leaves it there) and trained again before
anything puts it back, along every path of a function, a loop's next iteration included."""
from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Dict, Iterator, List, NamedTuple, Optional, Protocol, Set, Tuple, Union

from ms_lint.analysis.context import fix
from ms_lint.analysis.names import DEFS, Scope
from ms_lint.analysis.parents import walk
from ms_lint.checkers.training_mode.call_order import calls_in_flow_order
from ms_lint.checkers.training_mode.networks import EVAL, Key, Networks, UnionFind, set_train_mode
from ms_lint.checkers.training_mode.statement_flow import LOOP_PASSES, OutOfWork, StatementFlow, Summaries
from ms_lint.fixes.edits import insert_statement, line_ending
from ms_lint.model import UNSAFE, Rule

if TYPE_CHECKING:
    from ms_lint.analysis.context import FileContext

_SIMPLE = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign)
_JUMPS = (ast.Return, ast.Continue, ast.Break, ast.Raise)
_DATA = (
    ast.Constant, ast.JoinedStr, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Tuple, ast.List, ast.Dict,
    ast.Set, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp,
)


class Off(NamedTuple):
    """A network that may be in inference mode here, and what put it there."""

    origin: ast.Call  # the set_train(False) call, or the call of the function that leaves it off
    stmt: ast.stmt  # the statement of that call
    name: Optional[str]  # how the network is named there
    inline: bool  # the origin is set_train(False) itself
    target: Optional[Key]  # the name set to inference mode (or passed to the function that does)


ON = "on"  # in training mode on every path
Value = Union[Off, str]
State = Dict[Key, Value]  # family -> Off or ON; a family absent is in whatever mode the function began


class Steps(Protocol):
    """Where networks are trained (TrainingSteps in this package)."""

    def trained(self, call: ast.Call) -> List[Tuple[Key, bool]]:
        """The names of the networks a call trains, each with whether it is mode-independent."""

    def independent(self, key: Key) -> bool:
        """Whether what a name holds is known not to depend on the training mode."""


class Summary:
    """What calling a function does to the networks it reaches."""

    def __init__(self) -> None:
        self.steps: Dict[Key, bool] = {}  # trained in the mode the function began in (-> mode-independent)
        self.exits: State = {}  # ON: left in training mode on every path; Off: may be left in inference mode


class StepFlow(Summaries):
    """Every function's summary, the module body's flow, and the findings."""

    summary_type = Summary

    def __init__(
        self, ctx: "FileContext", networks: Networks, steps: Steps, rule: Rule, indexed: List[Tuple[ast.AST, Scope]]
    ) -> None:
        super().__init__(ctx)
        self.networks = networks
        self.steps = steps
        self.rule = rule
        self.reported: Set[int] = set()
        self.tied = UnionFind()  # names of the same object in one scope, and Cells built around it
        for node, scope in indexed:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    self.tie(networks.key(target, scope), node.value, scope)

    def tie(self, target: Optional[Key], value: ast.expr, scope: Scope) -> None:
        """An assignment: an alias (`self.net = net`), a Cell built around others (`WithLossCell(net, loss)`).
        A parameter is not tied to the arguments of its callers: a call maps them (Paths.translate)."""
        networks = self.networks
        while isinstance(value, ast.Call) and set_train_mode(value, self.ctx, scope) is not None:
            value = value.func.value
        if isinstance(value, (ast.Name, ast.Attribute)):
            self.tied.union(target, networks.key(value, scope))
        elif isinstance(value, ast.Call) and networks.is_construction(value, scope):
            for part in networks.contents(value, scope):
                if not self.holds_data(part):
                    self.tied.union(target, part)

    def holds_data(self, key: Key) -> bool:
        """Whether a name holds data only, never a Cell: every binding a literal, a display or an
        operator (`input_shape = (3, 256, 256)` given to two generators does not tie them)."""
        scope, name = key
        bindings = [] if name.startswith("self.") else scope.bindings.get(name, [])
        return bool(bindings) and all(b.kind == "assign" and isinstance(b.value, _DATA) for b in bindings)

    def family(self, key: Key) -> Key:
        """What set_train on a name reaches and what trains with it: its aliases, the Cells built
        around it and the ones it is built around (a parameter's arguments are mapped per call)."""
        return self.tied.find(key)

    def run(self) -> None:
        """The module body, then every function's summary (each reports what it finds)."""
        self.paths(self.ctx.tree).run()
        for function in [n for n in self.ctx.names.scopes if isinstance(n, DEFS)]:
            self.summary(function)

    def paths(self, function: ast.AST) -> "Paths":
        return Paths(self, function)

    def callees(self, function: ast.AST) -> Iterator[ast.AST]:
        """The module's functions a function calls, in the order its flow meets the calls."""
        ctx = self.ctx
        for call in calls_in_flow_order(ctx, function.body):
            scope = ctx.scope_at(call)
            if set_train_mode(call, ctx, scope) is None:
                callee = self.networks.callee(call, scope)
                if callee is not None:
                    yield callee

    def report(self, found: List[Tuple[Off, ast.Call]]) -> None:
        """Report what leaves networks in inference mode (one finding per call, naming every network
        it leaves there that is trained next), with the set_train() fix after it."""
        ctx = self.ctx
        off, step = found[0]
        if id(off.origin) in self.reported:
            return
        self.reported.add(id(off.origin))
        names = []
        for other, _ in found:
            if other.name and other.name not in names:
                names.append(other.name)
        named = len(names) == len({id(o.target) if o.target is None else o.target for o, _ in found})
        network = ", ".join("`%s`" % n for n in names) if names else "the network"
        if off.inline:
            what = "`%s` puts %s in inference mode" % (ctx.text(off.origin), network)
            where = "after the evaluation"
        else:
            what = "`%s(...)` leaves %s in inference mode" % (ctx.text(off.origin.func), network)
            where = "after it"
        them = "them" if len(names) > 1 else "it"
        calls = " and ".join("`%s.set_train()`" % n for n in names) if names and named else "set_train() on it"
        message = (
            "%s and no set_train() puts %s back before `%s(...)` on line %d trains %s: from then on"
            " %s with Dropout doing nothing and BatchNorm normalising with its moving statistics,"
            " which stop updating; call %s %s"
            % (what, them, ctx.text(step.func), step.lineno, them, "they train" if len(names) > 1 else "it trains",
               calls, where)
        )
        remedy = None
        edit = self.fix_edit(off, step, names) if names and named else None
        if edit is not None:
            remedy = fix("Call %s %s" % (calls, where), [edit], UNSAFE)
        ctx.report(self.rule, off.origin, message, remedy)

    def fix_edit(self, off: Off, step: ast.Call, names: List[str]):
        """`<name>.set_train()` after the helper's statement, or after the evaluation that follows
        set_train(False) (the evaluation loops around it included), before the next training step
        or the jump that ends its block."""
        ctx = self.ctx
        if not off.inline:
            return self.insert(off.stmt, names, after=True) if isinstance(off.stmt, _SIMPLE) else None
        ancestors = {id(a) for a in ctx.parents.ancestors(step)}
        anchor = off.stmt
        parent, field = ctx.parents.step(anchor)
        while isinstance(parent, (ast.For, ast.AsyncFor, ast.While)) and field == "body" and id(parent) not in ancestors:
            anchor = parent
            parent, field = ctx.parents.step(anchor)
        block = getattr(parent, field, None) if parent is not None else None
        if not isinstance(block, list) or not any(s is anchor for s in block):
            return None
        index = next(i for i, s in enumerate(block) if s is anchor)
        for later in block[index + 1:]:
            if id(later) in ancestors:
                return self.insert(later, names, after=False)
        last = block[-1]
        if last is anchor and isinstance(last, _JUMPS):
            return None
        return self.insert(last, names, after=not isinstance(last, _JUMPS))

    def insert(self, stmt: ast.stmt, names: List[str], after: bool):
        """One edit putting `<name>.set_train()` for each name on its own line at the statement's indentation."""
        line = self.ctx.lines[stmt.lineno - 1]
        indent = line[: len(line) - len(line.lstrip())]
        code = (line_ending(self.ctx.lines) + indent).join("%s.set_train()" % n for n in names)
        return insert_statement(self.ctx, stmt, code, after=after)


class Paths(StatementFlow):
    """The modes along one function's (or the module's) statements: a network is Off where it may
    be in inference mode on some path."""

    def __init__(self, flow: StepFlow, node: ast.AST) -> None:
        super().__init__(flow, node)
        self.networks = flow.networks
        self.loop_results: Dict[tuple, State] = {}  # (loop, state at its top) -> state after it

    @staticmethod
    def join(a: State, b: State) -> State:
        return _join(a, b)

    def report_findings(self) -> None:
        """One finding per call that leaves networks in inference mode, naming each network once."""
        grouped: Dict[int, List[Tuple[Off, ast.Call]]] = {}
        for off, step in self.findings:
            found = grouped.setdefault(id(off.origin), [])
            if all(o.target != off.target for o, _ in found):
                found.append((off, step))
        for found in grouped.values():
            self.flow.report(found)

    def simple(self, stmt: ast.stmt, state: State) -> State:
        state = self.calls(stmt, stmt, state)
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            self.rebound(stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target], state)
        return state

    def rebound(self, targets: List[ast.expr], state: State) -> None:
        """A name set to inference mode and bound again holds another object: its mode is not known."""
        scope = self.flow.ctx.scope_at(targets[0])
        for target in targets:
            for part in walk(target):
                key = self.networks.key(part, scope) if isinstance(part, (ast.Name, ast.Attribute)) else None
                current = state.get(self.flow.family(key)) if key is not None else None
                if isinstance(current, Off) and current.target == key:
                    del state[self.flow.family(key)]

    def loop(self, loop: ast.stmt, state: State) -> State:
        """The state after a loop: the state at the end of its body flows back to its top (the next
        iteration) until nothing changes; zero iterations keep the state before it."""
        key = (id(loop), frozenset(state.items()))
        if key not in self.loop_results:
            entry = state
            for _ in range(LOOP_PASSES):
                after = _join(entry, self.block(loop.body, dict(entry)))
                if after == entry:
                    break
                entry = after
            else:
                raise OutOfWork
            self.loop_results[key] = entry
        return dict(self.loop_results[key])

    def call(self, call: ast.Call, stmt: ast.stmt, state: State) -> None:
        """One call: set_train, a mode-setting API, a training step, a call of the module's own code."""
        networks, ctx = self.networks, self.flow.ctx
        scope = ctx.scope_at(call)
        mode = set_train_mode(call, ctx, scope)
        if mode is not None:
            receiver = call.func.value
            name = ctx.text(receiver) if isinstance(receiver, (ast.Name, ast.Attribute)) else None
            if mode == EVAL and networks.key(receiver, scope) is None:
                return  # a part of a network (`net.backbone.set_train(False)`): frozen on purpose
            for key in filter(None, networks.receivers(receiver, scope)):
                family = self.flow.family(key)
                state[family] = Off(call, stmt, name, True, key) if mode == EVAL else ON
            return
        entry = networks.api(call)
        if entry is not None and "sets-train-mode" in entry.traits:
            for key in networks.contents(call, scope):
                state[self.flow.family(key)] = ON
            return
        function = networks.callee(call, scope)
        if function is not None:
            summary = self.flow.summary(function)
            for family, independent in summary.steps.items():
                for _, mine in self.translate(call, function, family, scope):
                    self.step(mine, independent, call, state)
            for family, value in summary.exits.items():
                for arg, mine in self.translate(call, function, family, scope):
                    if value == ON:
                        state[mine] = ON
                    else:
                        name, target = self.named(call, arg, value, scope)
                        state[mine] = Off(call, stmt, name, False, target)
            return
        for key, independent in self.flow.steps.trained(call):
            self.step(self.flow.family(key), independent, call, state)

    def step(self, family: Key, independent: bool, call: ast.Call, state: State) -> None:
        """A training step of a network family: a finding where it may be in inference mode, unless
        the network it trains is known not to depend on the mode."""
        current = state.get(family)
        if current is None:
            self.summary.steps[family] = self.summary.steps.get(family, True) and independent
        elif isinstance(current, Off) and not independent and not self.harmless(current, family):
            self.findings.append((current, call))

    def harmless(self, off: Off, family: Key) -> bool:
        """What set_train(False) reached is known not to depend on the mode; or a set_train(False)
        no set_train() anywhere undoes (MSL301 reports that network)."""
        if off.target is not None and self.flow.steps.independent(off.target):
            return True
        return off.inline and not self.networks.reached_by_set_train(family)

    def translate(self, call: ast.Call, function: ast.AST, family: Key, scope: Scope) -> List[Tuple[Optional[ast.expr], Key]]:
        """The caller's families for a family of the callee's summary, with the argument that holds
        each: the arguments given for its parameters, or itself when a global or an attribute of
        the class holds it; none for the callee's own local networks."""
        networks, flow = self.networks, self.flow
        found = []
        for param, arg in networks.passed(call, scope):
            root = networks.root(arg, scope)
            if root is not None and flow.family(param) == family:
                found.append((arg, flow.family(root)))
        if found:
            return found
        inner = self.flow.ctx.names.scope_of(function)
        shared = any(not _within(key[0], inner) for key in flow.tied.members(family))
        return [(None, family)] if shared else []

    def named(self, call: ast.Call, arg: Optional[ast.expr], inner: Off, scope) -> Tuple[Optional[str], Optional[Key]]:
        """How the caller names the network a callee leaves in inference mode, and its key there:
        the argument that holds it, `self.x` for a method of the same class, or a global name."""
        networks = self.networks
        if arg is not None:
            named = isinstance(arg, (ast.Name, ast.Attribute))
            return (self.flow.ctx.text(arg) if named else None), (networks.key(arg, scope) if named else None)
        func, name = call.func, inner.name or ""
        same_class = (
            isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self"
            and networks.self_class(func.value, scope) is not None
        )
        if same_class and name.startswith("self."):
            return name, inner.target
        if name.isidentifier() and inner.target is not None:
            here = networks.key(ast.Name(id=name, ctx=ast.Load(), lineno=call.lineno, col_offset=0), scope)
            if here == inner.target:
                return name, here  # a global the function sets
        return None, inner.target


def _join(a: State, b: State) -> State:
    """The modes after two paths meet: Off where either may be off, ON where both are on."""
    joined: State = {}
    for family in set(a) | set(b):
        left, right = a.get(family), b.get(family)
        if isinstance(left, Off):
            joined[family] = left
        elif isinstance(right, Off):
            joined[family] = right
        elif left == ON and right == ON:
            joined[family] = ON
    return joined


def _within(scope: Optional[Scope], outer: Scope) -> bool:
    """Whether a scope is `outer` or nested in it."""
    while scope is not None:
        if scope is outer:
            return True
        scope = scope.parent
    return False
