"""Learning rates across APIs: a scheduler given another API's optimizer, a schedule shorter than the
training loop (MSL241, MSL242)."""
from __future__ import annotations

import ast
from typing import AbstractSet, Any, List, Optional, Tuple

from ms_lint.analysis.context import Checker, FileContext
from ms_lint.analysis.kinds import built_with, nn_optimizer_entry, optimizer, optimizers
from ms_lint.analysis.names import MAX_DEPTH, Scope
from ms_lint.analysis.origins import Built, built_by, origins
from ms_lint.analysis.parents import children
from ms_lint.analysis.values import as_ints
from ms_lint.model import ERROR, Rule

SCHEDULER_MISMATCH = Rule(
    "MSL241",
    "scheduler-optimizer-mismatch",
    "A PyTorch-style learning-rate scheduler given an optimizer of another API",
    severity=ERROR,
)
SCHEDULE_TOO_SHORT = Rule(
    "MSL242",
    "lr-schedule-too-short",
    "A dynamic learning rate with fewer entries than the steps the training loop takes",
    severity=ERROR,
    default_enabled=False,
)

_EXPERIMENTAL = "mindspore.experimental.optim"
# What may stand between a stepping call and the loops around it without changing how often it runs.
_STRAIGHT = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.With, ast.Call, ast.Tuple, ast.Await,
             ast.Starred, ast.keyword)


class Length:
    """How many learning rates a schedule holds, and the expression the user would change."""

    def __init__(self, count: int, source: ast.AST, parameter: str = "", func: Optional[ast.AST] = None) -> None:
        self.count = count
        self.source = source  # the list, or the argument that gives a dynamic-lr function's length
        self.parameter = parameter  # that argument's parameter name ("" for a list)
        self.func = func  # the dynamic-lr function called, if any


class SchedulesChecker(Checker):
    """MSL241, MSL242: learning-rate schedules and the optimizers they drive."""

    rules = (SCHEDULER_MISMATCH, SCHEDULE_TOO_SHORT)

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self.names_schedulers = "lr_scheduler" in ctx.source  # every scheduler's module is named so

    def visit_Call(self, node: ast.Call) -> None:
        qualname = self.ctx.qualname(node.func) if self.names_schedulers else None
        scheduler = self.ctx.facts.lr_scheduler(qualname) if qualname else None
        if scheduler is not None:
            self.check_scheduler(node, qualname, *scheduler)
        elif SCHEDULE_TOO_SHORT.code in self.ctx.enabled:
            self.check_schedule_length(node)

    # --- MSL241 -------------------------------------------------------------------------------
    def check_scheduler(self, node: ast.Call, qualname: str, takes: str, counterpart: str) -> None:
        ctx = self.ctx
        given = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "optimizer"), None)
        if given is None or isinstance(given, ast.Starred):
            return
        if isinstance(given, ast.Call):
            built = built_by(ctx, given, ctx.scope)
            found = [built] if built is not None and optimizer(built) else []
        else:
            found = optimizers(ctx, given) if isinstance(given, (ast.Name, ast.Attribute)) else []
        if not found:
            return
        nn_side = all("optimizer" in b.traits and "torch-style-optimizer" not in b.traits for b in found)
        if takes == "mindspore" and not nn_side:
            return  # mindspore.experimental.optim / mint.optim optimizers are what these take
        scheduler, opt = qualname.rsplit(".", 1)[-1], ctx.text(given)
        made = ctx.text(found[0].call.func)
        ms_scheduler = "%s.lr_scheduler.%s" % (_EXPERIMENTAL, scheduler)
        ms_has = ctx.facts.lr_scheduler(ms_scheduler) is not None
        if nn_side:
            instead = "build `%s` with %s instead%s, or drop the scheduler and give `%s` a mindspore.nn dynamic" \
                " learning rate as learning_rate=: %s" % (
                    opt, self.experimental_counterpart(found[0]),
                    " (`%s` takes it)" % self.spelled(ms_scheduler) if ms_has else "", made, self.dynamic_lr(counterpart))
            what = "a mindspore.nn optimizer (`%s`)" % made
        elif ms_has:
            instead = "use `%s`, which takes it" % self.spelled(ms_scheduler)
            what = "a MindSpore optimizer (`%s`)" % made
        else:
            instead = "%s.lr_scheduler has no %s: compute the rate and set it in `%s.param_groups[i]['lr']`" % (
                _EXPERIMENTAL, scheduler, opt)
            what = "a MindSpore optimizer (`%s`)" % made
        if takes == "mindspore":
            needs, error = "a mindspore.experimental.optim optimizer", "TypeError '... is not an Optimizer' or AttributeError 'param_groups'"
        else:
            needs, error = "a torch.optim optimizer", "TypeError '... is not an Optimizer'"
        message = "`%s` needs %s, and `%s` is %s: it raises %s when built; %s" % (
            ctx.text(node.func), needs, opt, what, error, instead)
        ctx.report(SCHEDULER_MISMATCH, node, message)

    def experimental_counterpart(self, built: Built) -> str:
        """`optim.SGD` for an nn.SGD: the mindspore.experimental.optim class of the same name, any case."""
        short = built.entry.short_name if built.entry is not None else ""
        for qualname in sorted(self.ctx.facts.with_trait("torch-style-optimizer")):
            module, _, name = qualname.rpartition(".")
            if module == _EXPERIMENTAL and name.lower() == short.lower():
                return "`%s`" % self.spelled(qualname)
        return "a %s optimizer" % _EXPERIMENTAL

    def dynamic_lr(self, counterpart: str) -> str:
        if counterpart:
            return "the list `%s(...)` returns" % self.spelled(counterpart)
        return "a list of per-step rates (`%s`, `%s`) or a LearningRateSchedule (`%s`)" % (
            self.spelled("mindspore.nn.piecewise_constant_lr"), self.spelled("mindspore.nn.cosine_decay_lr"),
            self.spelled("mindspore.nn.CosineDecayLR"))

    def spelled(self, qualname: str) -> str:
        return self.ctx.spelling(qualname) or qualname

    # --- MSL242 -------------------------------------------------------------------------------
    def check_schedule_length(self, node: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api_with(node.func, "optimizer")
        bound = ctx.bind(node, entry) if entry is not None and nn_optimizer_entry(entry) else None
        lr = bound.get("learning_rate") if bound is not None else None
        length = self.length(lr, ctx.scope, 0) if lr is not None else None
        if length is None or self.groups_may_set_lr(bound.get("params")):
            return  # no known length, or a group's own 'lr' may replace the list for its parameters
        rebuilt = {id(a) for a in ctx.parents.ancestors(node)}  # a loop around the construction: a fresh optimizer each turn
        for call in self.stepping_calls(node):
            loops = self.loop_turns(call, rebuilt)
            if loops is None:
                continue
            steps = 1
            for _, turns in loops:
                steps *= turns
            if steps > length.count:
                self.report_short(node, lr, length, call, loops, steps)
                return

    def report_short(self, node: ast.Call, lr: ast.AST, length: Length, call: ast.Call,
                     loops: List[Tuple[ast.For, int]], steps: int) -> None:
        ctx = self.ctx
        turns = " * ".join(_turns_text(ctx, loop) for loop, _ in loops)
        if length.func is not None:
            name, last = ctx.text(length.func), length.parameter.endswith("[-1]")
            change = "make the %s of `%s` (now `%s`) %s, the steps the loop takes" % (
                "last milestone" if last else length.parameter, name, ctx.text(length.source), turns)
        else:
            change = "give one learning rate per step: %s" % turns
        message = (
            "`%s` holds %d learning rates but `%s` takes %d steps (line %d): the optimizer raises RuntimeError"
            " ('input_indices' should be in the range [0, %d)) at step %d, after %d steps of training; %s"
            % (ctx.text(lr), length.count, ctx.text(call.func), steps, call.lineno, length.count,
               length.count + 1, length.count, change)
        )
        ctx.report(SCHEDULE_TOO_SHORT, lr, message)

    def length(self, expr: ast.AST, scope: Scope, depth: int) -> Optional[Length]:
        """How many learning rates `expr` holds, where the code as written tells: a list or tuple
        literal, `[v] * n`, `a + b`, a dynamic-lr call with known arguments, or a name assigned one of
        those once and never mutated."""
        ctx = self.ctx
        if depth > MAX_DEPTH:
            return None
        if isinstance(expr, (ast.List, ast.Tuple)):
            if any(isinstance(e, ast.Starred) for e in expr.elts):
                return None
            return Length(len(expr.elts), expr)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Mult)):
            if isinstance(expr.op, ast.Add):
                left, right = self.length(expr.left, scope, depth + 1), self.length(expr.right, scope, depth + 1)
                return Length(left.count + right.count, expr) if left and right else None
            for seq, times in ((expr.left, expr.right), (expr.right, expr.left)):
                count, n = self.length(seq, scope, depth + 1), _int(ctx.value(times, scope))
                if count is not None and n is not None:
                    return Length(count.count * max(n, 0), expr)
            return None
        if isinstance(expr, ast.Call):
            return self.dynamic_lr_length(expr, scope)
        if isinstance(expr, ast.Name):
            assigned = ctx.assignments(expr, scope)
            if len(assigned) != 1 or self.mutated(expr, scope):
                return None
            value, where = assigned[0]
            return self.length(value, where, depth + 1)
        return None

    def dynamic_lr_length(self, call: ast.Call, scope: Scope) -> Optional[Length]:
        ctx = self.ctx
        entry = ctx.api_with(call.func, "dynamic-lr", scope)
        bound = ctx.bind(call, entry) if entry is not None and entry.length else None
        if bound is None:
            return None
        parameter = entry.length.split("[", 1)[0]
        given = bound.get(parameter)
        value = ctx.value(given, scope) if given is not None else None
        if entry.length.endswith("[-1]"):
            items = as_ints(value) if isinstance(value, tuple) else None
            count = items[-1] if items else None
        else:
            count = _int(value)
        return Length(count, given, entry.length, call.func) if count is not None and given is not None else None

    def groups_may_set_lr(self, params: Optional[ast.AST]) -> bool:
        """Whether the optimizer's params may hold a group dict (which may carry its own 'lr'): anything
        but a call such as `net.trainable_params()`, or a list of Parameters built by calls."""
        if params is None:
            return False
        if isinstance(params, ast.List):
            return any(self.may_be_group(e) for e in params.elts)
        if isinstance(params, ast.Call):
            return self.ctx.qualname(params.func) in ("builtins.list", "builtins.dict")
        values = self.ctx.assignments(params) if isinstance(params, ast.Name) else []
        return not values or any(not isinstance(v, ast.Call) for v, _ in values)

    def may_be_group(self, element: ast.AST) -> bool:
        """A list element that may be a group dict: anything but a name only ever assigned a call that
        is not `dict(...)`."""
        if not isinstance(element, ast.Name):
            return True
        values = self.ctx.assignments(element)
        return not values or any(
            not isinstance(v, ast.Call) or self.ctx.qualname(v.func, where) == "builtins.dict" for v, where in values)

    def mutated(self, name: ast.Name, scope: Scope) -> bool:
        """Whether the name is appended to, extended, `+=`-ed or item-assigned anywhere in its scope."""
        binding = self.ctx.binding(name, scope)
        if binding is None:
            return True
        return any(o.kind == "mutate" for o in self.ctx.flow(binding.scope.node).occurrences(name.id))

    def stepping_calls(self, construction: ast.Call) -> List[ast.Call]:
        """The calls that step the optimizer `construction` builds: `opt(grads)`, and the calls of a
        training wrapper (TrainOneStepCell) built with it; each one name away."""
        ctx = self.ctx
        found = []
        for node in ctx.parents.nodes():
            if not isinstance(node, ast.Call) or not isinstance(node.func, (ast.Name, ast.Attribute)):
                continue
            scope = ctx.scope_at(node)
            built = origins(ctx, node.func, scope)
            if len(built) != 1:
                continue
            if built[0].call is construction or self.trains_with(built[0], construction):
                found.append(node)
        return found

    def trains_with(self, wrapper: Built, construction: ast.Call) -> bool:
        """Whether a training wrapper was built with the optimizer `construction` builds."""
        ctx = self.ctx
        if "trains-network" not in wrapper.traits or wrapper.entry is None:
            return False
        signature = ctx.signature(wrapper.entry)
        if signature is None or "scale_sense" in signature.names:
            return False  # a loss-scale wrapper skips the optimizer at an overflow: fewer steps than calls
        bound = ctx.bind(wrapper.call, wrapper.entry)
        given = bound.get("optimizer") if bound is not None else None
        if isinstance(given, ast.Call):
            return given is construction
        if not isinstance(given, (ast.Name, ast.Attribute)):
            return False
        built = built_with(ctx, given, "optimizer", wrapper.scope)
        return len(built) == 1 and built[0].call is construction

    def loop_turns(self, call: ast.Call, rebuilt: AbstractSet[int]) -> Optional[List[Tuple[ast.For, int]]]:
        """The `for ... in range(n)` loops around a call, outermost first, each with its turns, when the
        call runs once per turn of each (nothing conditional in between, no way out of a loop early),
        up to the function or module it is in, or to a node in `rebuilt` (around the optimizer's
        construction too); None when any of that is out of sight."""
        ctx = self.ctx
        loops: List[Tuple[ast.For, int]] = []
        for parent, child in ctx.parents.links(call):
            if isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)) or id(parent) in rebuilt:
                break
            if isinstance(parent, ast.For) and child in parent.body:
                turns = self.range_turns(parent)
                if turns is None or _leaves_early(parent):
                    return None
                loops.append((parent, turns))
            elif not isinstance(parent, _STRAIGHT):
                return None
        return list(reversed(loops)) if loops else None

    def range_turns(self, loop: ast.For) -> Optional[int]:
        """How many turns `for _ in range(...)` takes, when its arguments are known ints."""
        it = loop.iter
        if not isinstance(it, ast.Call) or self.ctx.qualname(it.func) != "builtins.range" or it.keywords:
            return None
        values = [_int(self.ctx.value(a)) for a in it.args]
        if not 1 <= len(values) <= 3 or any(v is None for v in values) or values[-1] == 0:
            return None
        return len(range(*values))


def _int(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _leaves_early(loop: ast.For) -> bool:
    """A `break`, `return` or `raise` in the loop's body, outside nested functions and classes (a
    nested loop's `break` leaves only that loop)."""
    todo: List[Tuple[ast.AST, bool]] = [(n, False) for n in loop.body]
    while todo:
        node, nested_loop = todo.pop()
        if isinstance(node, (ast.Return, ast.Raise)) or (isinstance(node, ast.Break) and not nested_loop):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        inner = nested_loop or isinstance(node, (ast.For, ast.AsyncFor, ast.While))
        todo.extend((child, inner) for child in children(node))
    return False


def _turns_text(ctx: FileContext, loop: ast.For) -> str:
    """How the user wrote a loop's turns: `epochs`, `(n - 1)`, or `len(range(a, b))`."""
    args = loop.iter.args
    if len(args) > 1:
        return "len(%s)" % ctx.text(loop.iter)
    text = ctx.text(args[0])
    return "(%s)" % text if isinstance(args[0], (ast.BinOp, ast.BoolOp, ast.IfExp)) else text
