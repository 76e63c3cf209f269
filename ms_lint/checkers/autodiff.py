"""Autodiff: `grad` / `value_and_grad` and the values the differentiated function returns (MSL311-MSL313)."""
from __future__ import annotations

import ast
from typing import FrozenSet, List, Optional

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.dataflow import assigned_in
from ms_lint.analysis.differentiated import differentiated, returned, returned_tuples
from ms_lint.analysis.names import MAX_DEPTH, Scope
from ms_lint.facts import BoundCall
from ms_lint.fixes.edits import add_argument, remove_keyword, replace
from ms_lint.model import ERROR, SAFE, UNSAFE, Edit, Rule

GRAD_OF_MULTIPLE_OUTPUTS = Rule(
    "MSL311",
    "grad-of-multiple-outputs",
    "grad/value_and_grad without has_aux=True over a function that returns several values: the gradient of their sum",
    fix=UNSAFE,
)
HAS_AUX_SINGLE_OUTPUT = Rule(
    "MSL312",
    "has-aux-single-output",
    "has_aux=True over a function that returns one value: ValueError",
    severity=ERROR,
    fix=SAFE,
)
HAS_AUX_FIRST_OUTPUT_NOT_LOSS = Rule(
    "MSL313",
    "has-aux-first-output-not-loss",
    "has_aux=True over a function whose first returned value is named as a penalty, metric or output and a later one"
    " as the loss: only the first is differentiated, the loss gets no gradient",
    fix=UNSAFE,
)

_NEVER_TUPLES = (ast.Sub, ast.Div, ast.FloorDiv, ast.Pow, ast.MatMult, ast.Mod, ast.BitAnd, ast.BitOr, ast.BitXor)


class AutodiffChecker(Checker):
    """MSL311-MSL313: grad / value_and_grad and the outputs of the function they differentiate."""

    rules = (GRAD_OF_MULTIPLE_OUTPUTS, HAS_AUX_SINGLE_OUTPUT, HAS_AUX_FIRST_OUTPUT_NOT_LOSS)

    def visit_Call(self, node: ast.Call) -> None:
        ctx = self.ctx
        entry = ctx.api_with(node.func, "autodiff")
        if entry is None:
            return
        bound = ctx.bind(node, entry)
        if bound is None or not bound.complete or "fn" not in bound.arguments:
            return
        if "sens_param" in bound.arguments and ctx.value(bound.arguments["sens_param"]) is not False:
            return  # the caller weights each output itself
        has_aux = ctx.value(bound.arguments["has_aux"]) if "has_aux" in bound.arguments else False
        function = differentiated(ctx, bound.arguments["fn"])
        if function is None:
            return
        returns = list(returned(function))
        if not returns:
            return
        if has_aux is False and all(self.several_outputs(r) for r in returns):
            self.report_multiple(node, bound, returns[-1], entry.short_name)
        elif has_aux is True and all(self.single_output(r, self.scope_of(function), 0) for r in returns):
            self.report_single(node, bound)
        elif has_aux is True:
            self.check_first_output(node, bound, function, entry.short_name)

    def check_first_output(self, call: ast.Call, bound: BoundCall, function: ast.AST, callee_name: str) -> None:
        """MSL313: every `return` gives a tuple whose first value is named as a non-objective and a
        later one as the loss."""
        tuples = returned_tuples(function)
        if not tuples:
            return
        loss_at = [self.misplaced_loss(t) for t in tuples]
        if any(index is None for index in loss_at):
            return
        unpackings = self.unpackings(call, bound, function) if callee_name == "value_and_grad" else None
        first = tuples[-1]
        ctx = self.ctx
        fn, callee = ctx.text(bound.arguments["fn"]), ctx.text(call.func)
        loss = ctx.text(first.elts[loss_at[-1]])
        message = (
            "%s(..., has_aux=True) differentiates only the first value `%s` returns (`return %s`): `%s`"
            " is not the objective, and `%s` becomes an auxiliary output with no gradient; return the loss"
            " first (and unpack the values in that order)"
            % (callee, fn, ctx.text(first), ctx.text(first.elts[0]), loss)
        )
        found = None
        if unpackings is not None and len(set(loss_at)) == 1 and len({len(t.elts) for t in tuples + unpackings}) == 1:
            edits = [e for t in tuples + unpackings for e in swapped(ctx, t, loss_at[0])]
            found = fix("Return `%s` first, and unpack it first" % loss, edits, UNSAFE)
        ctx.report(HAS_AUX_FIRST_OUTPUT_NOT_LOSS, call, message, found)

    def unpackings(self, call: ast.Call, bound: BoundCall, function: ast.AST) -> Optional[List[ast.Tuple]]:
        """The `(a, b)` of every `(a, b), grads = grad_fn(...)`, when those are all the uses of the grad
        function (`grad_fn = value_and_grad(fn, ...)`) and `fn` (a def) is used nowhere else; else None."""
        ctx = self.ctx
        fn = bound.arguments["fn"]
        statement = ctx.parents.parent(call)
        if not (isinstance(fn, ast.Name) and isinstance(function, ast.FunctionDef) and ctx.callers(function) == []):
            return None
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name)):
            return None
        binding = ctx.binding(fn)
        if binding is None or len([o for o in ctx.flow(binding.scope.node).occurrences(fn.id) if o.kind != "bind"]) != 1:
            return None
        name = statement.targets[0].id
        found = []
        for occurrence in ctx.flow(ctx.scope.node).occurrences(name):
            if occurrence.node is statement.targets[0]:
                continue
            target = self.unpacked(occurrence.node)
            if target is None:
                return None
            found.append(target)
        return found or None

    def unpacked(self, use: ast.Name) -> Optional[ast.Tuple]:
        """`(a, b)` where `use` is read in `(a, b), grads = use(...)`."""
        parents = self.ctx.parents
        call = parents.parent(use)
        if not (isinstance(use.ctx, ast.Load) and isinstance(call, ast.Call) and call.func is use):
            return None
        statement = parents.parent(call)
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1 and statement.value is call):
            return None
        target = statement.targets[0]
        if not (isinstance(target, ast.Tuple) and len(target.elts) == 2 and isinstance(target.elts[0], ast.Tuple)):
            return None
        values = target.elts[0]
        return values if all(isinstance(e, ast.Name) for e in values.elts) else None

    def misplaced_loss(self, returned_tuple: ast.Tuple) -> Optional[int]:
        """The index of the value named as the loss, when the first value is named as something else."""
        elts = returned_tuple.elts
        if len(elts) < 2 or any(isinstance(e, ast.Starred) for e in elts):
            return None
        facts = self.ctx.facts
        words = [name_words(e) for e in elts]
        if not words[0] & facts.non_objective_words or words[0] & facts.objective_words:
            return None
        later = [i for i in range(1, len(elts)) if words[i] & facts.objective_words]
        return later[0] if later else None

    def scope_of(self, function: ast.AST) -> Scope:
        return self.ctx.names.scope_of(function, self.ctx.scope)

    # --- what it returns --------------------------------------------------------------------
    def several_outputs(self, expr: ast.expr) -> bool:
        """`return a, b`: two or more values, and some value after the first carries a gradient."""
        if not isinstance(expr, ast.Tuple) or len(expr.elts) < 2:
            return False
        if any(isinstance(e, ast.Starred) for e in expr.elts):
            return False
        return not all(isinstance(e, ast.Constant) or self.stopped(e) for e in expr.elts[1:])

    def stopped(self, expr: ast.expr) -> bool:
        return isinstance(expr, ast.Call) and self.ctx.qualname(expr.func) in self.ctx.facts.with_trait("stops-gradient")

    def single_output(self, expr: ast.expr, scope: Scope, depth: int) -> bool:
        """Whether `expr` is certainly one value, never a tuple of several (a 1-tuple counts as one)."""
        if depth > MAX_DEPTH:
            return False
        if isinstance(expr, ast.Tuple):
            return len(expr.elts) == 1 and not isinstance(expr.elts[0], ast.Starred)
        if isinstance(expr, ast.Constant):
            return expr.value is not None
        if isinstance(expr, (ast.UnaryOp, ast.Compare)):
            return True
        if isinstance(expr, ast.BinOp):
            if isinstance(expr.op, _NEVER_TUPLES):
                return True
            left, right = (self.single_output(e, scope, depth + 1) for e in (expr.left, expr.right))
            if isinstance(expr.op, ast.Add):
                return left or right
            floats = any(isinstance(e, ast.Constant) and isinstance(e.value, float) for e in (expr.left, expr.right))
            return isinstance(expr.op, ast.Mult) and (floats or (left and right))
        if isinstance(expr, ast.IfExp):
            return all(self.single_output(e, scope, depth + 1) for e in (expr.body, expr.orelse))
        if isinstance(expr, ast.Call):
            return self.single_call(expr, scope)
        if isinstance(expr, ast.Name):
            values = assigned_in(scope, expr.id)
            return bool(values) and all(self.single_output(v, scope, depth + 1) for v, _ in values)
        return False

    def single_call(self, call: ast.Call, scope: Scope) -> bool:
        """A reduction (`x.mean()`, `ops.mean(x)`) or a MindSpore loss Cell's output."""
        ctx = self.ctx
        tensors = ctx.facts.tensors
        qualname = ctx.qualname(call.func, scope)
        if qualname is None and isinstance(call.func, ast.Attribute) and call.func.attr in tensors.reductions:
            return True
        if qualname and qualname.startswith(tensors.reduction_modules):
            return qualname.rsplit(".", 1)[-1] in tensors.reductions
        built = [call.func] if isinstance(call.func, ast.Call) else ctx.constructed(call.func, scope)
        entries = [ctx.api(b.func, scope) for b in built]
        return bool(entries) and all(e is not None and "loss" in e.traits for e in entries)

    # --- reports ----------------------------------------------------------------------------
    def report_multiple(self, call: ast.Call, bound: BoundCall, returned_tuple: ast.Tuple, function: str) -> None:
        ctx = self.ctx
        fn, callee = ctx.text(bound.arguments["fn"]), ctx.text(call.func)
        count = len(returned_tuple.elts)
        if "has_aux" in bound.arguments:
            edit = replace(ctx, bound.arguments["has_aux"], "True")
        else:
            edit = add_argument(ctx, call, "has_aux=True")
        after = "then returns `(grads, (aux...))`" if function == "grad" else "still returns every value"
        message = (
            "%s differentiates the sum of all %d values `%s` returns (`return %s`), not the first one as"
            " torch's `loss.backward()` does: pass `has_aux=True` to take the gradient of the first output only"
            " (the rest become auxiliary outputs; %s %s)"
            % (callee, count, fn, ctx.text(returned_tuple), callee, after)
        )
        ctx.report(GRAD_OF_MULTIPLE_OUTPUTS, call, message, fix("Add `has_aux=True`", [edit], UNSAFE))

    def report_single(self, call: ast.Call, bound: BoundCall) -> None:
        ctx = self.ctx
        fn, callee = ctx.text(bound.arguments["fn"]), ctx.text(call.func)
        if "has_aux" in bound.positional_of:
            edit = replace(ctx, bound.arguments["has_aux"], "False")
        else:
            edit = remove_keyword(ctx, call, bound.keywords["has_aux"])
        message = (
            "%s(..., has_aux=True) needs `%s` to return two or more values, but it returns one:"
            " ValueError \"origin fn requires more than one outputs\" when called; drop `has_aux=True`"
            % (callee, fn)
        )
        ctx.report(HAS_AUX_SINGLE_OUTPUT, call, message, fix("Drop `has_aux=True`", [edit], SAFE))



def swapped(ctx: FileContext, values: ast.Tuple, index: int) -> List[Edit]:
    """The edits that swap a tuple's first value with the one at `index`."""
    first, other = values.elts[0], values.elts[index]
    return [replace(ctx, first, ctx.text(other)), replace(ctx, other, ctx.text(first))]


def name_words(expr: ast.expr) -> FrozenSet[str]:
    """The lower-case words between underscores of a name or `self.name` (none for anything else)."""
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        expr = ast.Name(id=expr.attr)
    if not isinstance(expr, ast.Name):
        return frozenset()
    return frozenset(w for w in expr.id.lower().split("_") if w)
