"""The training mode of each network along a module's statements, for MSL302: put in training mode
by set_train(), then evaluated (in an evaluation loop, an evaluation function or method) first."""
from __future__ import annotations

import ast
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Dict, Iterator, List, NamedTuple, Optional, Set, Tuple

from ms_lint.analysis.context import fix
from ms_lint.analysis.names import DEFS
from ms_lint.checkers.training_mode.call_order import calls_in_flow_order
from ms_lint.checkers.training_mode.networks import TRAIN, UNKNOWN, Key, Networks, set_train_mode
from ms_lint.checkers.training_mode.statement_flow import LOOP_PASSES, OutOfWork, StatementFlow, Summaries
from ms_lint.fixes.edits import insert_statement
from ms_lint.model import UNSAFE, Rule

if TYPE_CHECKING:
    from ms_lint.analysis.context import FileContext

EVAL_WORDS = {
    "eval", "evaluate", "evaluation", "evaluator", "val", "valid", "validate", "validation",
    "test", "testing", "predict", "prediction", "infer", "inference",
}
_WORDS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


class Mode(NamedTuple):
    """A network family's mode at a point of the flow."""

    mode: str  # TRAIN, EVAL or UNKNOWN
    receiver: Optional[ast.expr]  # the set_train receiver that set it
    trained: bool  # trained since


State = Dict[Key, Mode]  # family -> mode; a family absent is in whatever mode the function began


class Use(NamedTuple):
    """An evaluation of a network."""

    call: ast.Call
    anchor: ast.stmt  # where the fix goes
    in_loop: bool  # the anchor is inside a loop
    name: Optional[str]  # how the network is named there


def words(text: str) -> Set[str]:
    """The lowercase words of an identifier or expression text."""
    return {w.lower() for w in _WORDS.findall(text)}


def reads_as_evaluation(text: str, pytest_module: bool = False) -> bool:
    """Whether a function name or an iterable says evaluation (`evaluate`, `val_loader`, `test`)."""
    found = words(text)
    if pytest_module and text.startswith("test"):
        found.discard("test")
    return bool(found & EVAL_WORDS) and not found & {"train", "training"}


class Summary:
    """What calling a function does to the networks it reaches."""

    def __init__(self) -> None:
        self.entry_uses: Dict[Key, Use] = {}  # evaluated before the function sets their mode
        self.exits: State = {}  # the mode it leaves them in


class ModeFlow(Summaries):
    """Every function's summary, the module body's flow, and the findings."""

    summary_type = Summary

    def __init__(self, ctx: "FileContext", networks: Networks, rule: Rule) -> None:
        super().__init__(ctx)
        self.networks = networks
        self.rule = rule
        self.called: Set[int] = set()
        self.reported: Set[int] = set()
        name = PurePath(ctx.path).name
        self.pytest_module = name.startswith("test_") or name.endswith("_test.py")

    def run(self) -> None:
        """The module body, every function's summary, then evaluation methods nothing here calls."""
        self.paths(self.ctx.tree).run()
        functions = [n for n in self.ctx.names.scopes if isinstance(n, DEFS)]
        for function in functions:
            self.summary(function)
        for function in functions:
            if id(function) not in self.called:
                self.check_uncalled_method(function)

    def paths(self, function: ast.AST) -> "FunctionFlow":
        return FunctionFlow(self, function)

    def callees(self, function: ast.AST) -> Iterator[ast.AST]:
        """The module's functions a function calls, in the order FunctionFlow meets the calls."""
        networks, ctx = self.networks, self.ctx
        for call in calls_in_flow_order(ctx, function.body):
            scope = ctx.scope_at(call)
            if set_train_mode(call, ctx, scope) is not None:
                continue
            entry = networks.api(call)
            if entry is not None and "sets-train-mode" in entry.traits:
                continue
            callee = networks.callee(call, scope)
            if callee is not None:
                yield callee

    def check_uncalled_method(self, method: ast.AST) -> None:
        """An evaluation method nothing here calls, in a class whose other method leaves the network
        in training mode (a Trainer whose `train` sets it and whose `evaluate` never resets it)."""
        scope = self.ctx.names.scope_of(method)
        owner = scope.parent
        if owner is None or not owner.is_class:
            return
        siblings = [s for s in owner.node.body if isinstance(s, DEFS) and s is not method]
        for family, use in self.summary(method).entry_uses.items():
            for sibling in siblings:
                leaves = self.summary(sibling).exits.get(family)
                if leaves is not None and leaves.mode == TRAIN and leaves.trained:
                    self.report(use, "`%s` leaves it in training mode" % sibling.name)
                    break

    def report(self, use: Use, how: str) -> None:
        """Report an evaluation in training mode, with the set_train(False) fix where the network has a name."""
        call, anchor, in_loop, name = use
        if id(call) in self.reported or id(anchor) in self.reported:
            return  # one finding per evaluation loop or statement
        self.reported.update((id(call), id(anchor)))
        ctx = self.ctx
        message = (
            "`%s(...)` evaluates %s in training mode (%s, and no set_train(False) follows): Dropout"
            " still drops and BatchNorm keeps updating its moving statistics; call %s before"
            " evaluating%s"
            % (
                ctx.text(call.func),
                "`%s`" % name if name else "a network",
                how,
                "`%s.set_train(False)`" % name if name else "set_train(False) on it",
                " and `%s.set_train()` before training again" % name if name and in_loop else "",
            )
        )
        edits = []
        if name:
            edits = [insert_statement(ctx, anchor, "%s.set_train(False)" % name, after=False)]
            if in_loop:
                edits.append(insert_statement(ctx, anchor, "%s.set_train()" % name, after=True))
        remedy = None
        if edits and all(edits):
            remedy = fix("Call `%s.set_train(False)` before evaluating" % name, edits, UNSAFE)
        ctx.report(self.rule, call, message, remedy)


class FunctionFlow(StatementFlow):
    """The modes along one function's (or the module's) statements."""

    @staticmethod
    def join(a: State, b: State) -> State:
        return _join(a, b)

    def __init__(self, flow: ModeFlow, node: ast.AST) -> None:
        super().__init__(flow, node)
        self.networks = flow.networks
        name = getattr(node, "name", "")
        self.evaluation = bool(name) and reads_as_evaluation(name, flow.pytest_module)
        self.loops: List[Tuple[ast.stmt, bool]] = []  # enclosing loops, and whether each reads as evaluation
        self.quiet = 0  # inside a loop's passes before its fixpoint
        self.loop_results: Dict[tuple, State] = {}  # (loop, quiet, state at its top) -> state after its body

    def report_findings(self) -> None:
        for use, how in self.findings:
            self.flow.report(use, how)

    def loop(self, stmt: ast.stmt, state: State) -> State:
        """The state after a loop whose header's calls are applied: a loop that does not read as
        evaluation, outside an evaluation, trains what is in training mode."""
        header = stmt.test if isinstance(stmt, ast.While) else stmt.iter
        evaluation = not isinstance(stmt, ast.While) and reads_as_evaluation(self.flow.ctx.text(header))
        if not evaluation and not self.in_evaluation():
            _trained(state)  # a loop between set_train() and the evaluation: a training loop
        self.loops.append((stmt, evaluation))
        last = self.loop_body(stmt, state)
        self.loops.pop()
        return _join(state, last)

    def loop_body(self, loop: ast.stmt, state: State) -> State:
        """The state after a loop's body at the loop's fixpoint: quiet passes until the state at the
        top of the body stops changing, then one pass that reports. A loop met again in the same
        state (an enclosing loop's next pass) reuses its result, so nesting costs no extra passes."""
        key = (id(loop), self.quiet > 0, frozenset(state.items()))
        if key not in self.loop_results:
            entry = state
            self.quiet += 1
            for _ in range(LOOP_PASSES):
                after = _join(state, self.block(loop.body, dict(entry)))
                if after == entry:
                    break
                entry = after
            else:
                raise OutOfWork
            self.quiet -= 1
            self.loop_results[key] = self.block(loop.body, dict(entry))
        return dict(self.loop_results[key])

    def call(self, call: ast.Call, stmt: ast.stmt, state: State) -> None:
        """One call: set_train, a mode-setting API, a call of the module's own code, or an evaluation."""
        networks, ctx = self.networks, self.flow.ctx
        scope = ctx.scope_at(call)
        mode = set_train_mode(call, ctx, scope)
        if mode is not None:
            receiver = call.func.value
            keys = networks.receivers(receiver, scope)
            if mode == TRAIN and self.in_evaluation():
                mode = UNKNOWN  # training mode chosen for this evaluation on purpose
            for key in filter(None, keys):
                state[networks.family.find(key)] = Mode(mode, receiver, False)
            return
        entry = networks.api(call)
        if entry is not None and "sets-train-mode" in entry.traits:
            for key in networks.contents(call, scope):
                state[networks.family.find(key)] = Mode(UNKNOWN, None, False)
            return
        function = networks.callee(call, scope)
        if function is not None:
            self.flow.called.add(id(function))
            summary = self.flow.summary(function)
            for family in summary.entry_uses:
                self.evaluated(family, call, stmt, state, self.passed_name(call, family, state, scope))
            _trained(state)  # the callee may train
            state.update(summary.exits)
            return
        key = networks.key(call.func, scope)
        if key is not None and self.in_evaluation() and not self.is_loss(call.func, scope):
            self.evaluated(networks.family.find(key), call, stmt, state, ctx.text(call.func))

    def is_loss(self, func: ast.expr, scope) -> bool:
        """Whether a callee was built as a loss (no mode-dependent layers to speak of)."""
        built = self.flow.ctx.constructed(func, scope)
        entries = [self.flow.ctx.api(b.func, scope) for b in built]
        return bool(entries) and all(e is not None and "loss" in e.traits for e in entries)

    def in_evaluation(self) -> bool:
        """Whether the code here evaluates: an evaluation function or an evaluation loop."""
        return self.evaluation or any(evaluation for _, evaluation in self.loops)

    def passed_name(self, call: ast.Call, family: Key, state: State, scope) -> Optional[str]:
        """How the caller names the network a callee evaluates."""
        for arg in list(call.args) + [k.value for k in call.keywords]:
            root = self.networks.root(arg, scope)
            if root is not None and self.networks.family.find(root) == family:
                return self.flow.ctx.text(arg)
        current = state.get(family)
        receiver = current.receiver if current is not None else None
        text = self.flow.ctx.text(receiver) if receiver is not None else ""
        return text if text.startswith("self.") and isinstance(call.func, ast.Attribute) else None

    def evaluated(self, family: Key, call: ast.Call, stmt: ast.stmt, state: State, name: Optional[str]) -> None:
        """A use of the network for evaluation: a finding when it is in training mode here."""
        anchor, in_loop = self.anchor(stmt)
        use = Use(call, anchor, in_loop, name)
        current = state.get(family)
        if current is None:
            self.summary.entry_uses.setdefault(family, use)
        elif current.mode == TRAIN and current.trained and not self.quiet and not self.flow.networks.mode_independent(family):
            receiver = current.receiver
            where = "set_train()"
            if receiver is not None:
                where = "`%s.set_train(...)` on line %d" % (self.flow.ctx.text(receiver), receiver.lineno)
            self.findings.append((use, "put there by " + where))

    def anchor(self, stmt: ast.stmt) -> Tuple[ast.stmt, bool]:
        """Where the fix goes: before the outermost evaluation loop, else before the statement; and
        whether that place is inside a loop (training may go on after it)."""
        for index, (loop, evaluation) in enumerate(self.loops):
            if evaluation or (self.evaluation and index == 0):
                return loop, index > 0
        return stmt, bool(self.loops)


def _join(a: State, b: State) -> State:
    """The modes after two paths meet: kept where they agree, unknown elsewhere."""
    joined: State = {}
    for family in set(a) | set(b):
        left, right = a.get(family), b.get(family)
        same = left is not None and right is not None and left.mode == right.mode
        joined[family] = Mode(left.mode, left.receiver, left.trained and right.trained) if same else Mode(UNKNOWN, None, False)
    return joined


def _trained(state: State) -> None:
    """Mark the networks in training mode as trained since (training mode on purpose is not)."""
    for family, (mode, receiver, _) in list(state.items()):
        if mode == TRAIN:
            state[family] = Mode(mode, receiver, True)
