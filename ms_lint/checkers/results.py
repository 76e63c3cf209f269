"""What MindSpore functions return: a result thrown away where PyTorch's function worked in place
(MSL402), and an initializer's lazy tensor used before it holds any data (MSL403)."""
from __future__ import annotations

import ast
from functools import lru_cache
from typing import FrozenSet, Iterator, List, Optional, Tuple, Union

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.dataflow import self_parameter
from ms_lint.analysis.kinds import mindspore_tensor
from ms_lint.analysis.names import DEFS, Scope
from ms_lint.analysis.parents import walk
from ms_lint.facts import ApiEntry, ApiFacts
from ms_lint.fixes.edits import replace
from ms_lint.model import ERROR, SAFE, UNSAFE, Rule

RESULT_DISCARDED = Rule(
    "MSL402",
    "result-discarded",
    "A MindSpore function or Tensor method that returns its result and changes nothing is called as a"
    " statement (or rebinds a name never read again), as PyTorch's in-place counterpart is: nothing changes",
    fix=UNSAFE,
)
UNINITIALIZED_TENSOR = Rule(
    "MSL403",
    "uninitialized-tensor",
    "An initializer(...) tensor bound to a name or attribute, never given its data (Parameter,"
    " .init_data()), is used in computation: zeros in a GRAPH_MODE Cell, RuntimeError in PyNative",
    fix=SAFE,
    severity=ERROR,
)

NONE_RESULT_USED = Rule(
    "MSL405",
    "none-result-used",
    "The result of a MindSpore function or method that returns None (save_checkpoint, set_seed,"
    " Model.train, ...) is bound to a name that is read afterwards",
)

INITIALIZERS = "mindspore.common.initializer."
_ASSIGNABLE = (ast.Name, ast.Attribute, ast.Subscript)
_NEUTRAL = "neutral"  # what `use_kind` gives besides the computation node itself
_INITIALISES = "initialises"


class ResultsChecker(Checker):
    """MSL402, MSL403, MSL405: results of MindSpore functions thrown away, used before they hold data,
    or used where there is none."""

    rules = (RESULT_DISCARDED, UNINITIALIZED_TENSOR, NONE_RESULT_USED)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.short_names = _short_names(ctx.facts)  # what a `module.function` callee of these rules can end with

    # --- MSL402 -----------------------------------------------------------------------------------
    def visit_Expr(self, node: ast.Expr) -> None:
        call = node.value
        found = self.discarded(call) if isinstance(call, ast.Call) else None
        if found is None:
            if isinstance(call, ast.Call):
                self.method_discarded(node, call)
            return
        entry, replaced = found
        ctx = self.ctx
        statement = self.rebinding(call, replaced, entry)
        shown = statement if call.lineno == call.end_lineno or statement is None else self.unparsed(statement)
        advice = "; write `%s`" % shown if statement else "; use its result"
        message = "`%s` returns its result and changes none of its arguments: as a statement it does nothing (%s)%s" % (
            self.quoted(call), self.torch_side(entry), advice)
        edit = fix("Use `%s`" % statement, [replace(ctx, node, statement)], UNSAFE) if statement else None
        ctx.report(RESULT_DISCARDED, call, message, edit)

    def method_discarded(self, node: ast.Expr, call: ast.Call) -> None:
        """`x.clamp(0, 1)` as a statement on a MindSpore tensor: PyTorch's `x.clamp_(0, 1)` without its `_`."""
        ctx = self.ctx
        func = call.func
        if not isinstance(func, ast.Attribute) or func.attr not in ctx.facts.tensors.result_methods:
            return
        if not mindspore_tensor(ctx, func.value, ctx.scope):
            return
        receiver = func.value
        statement = "%s = %s" % (ctx.text(receiver), ctx.text(call)) if isinstance(receiver, (ast.Name, ast.Attribute)) else None
        shown = statement if call.lineno == call.end_lineno or statement is None else self.unparsed(statement)
        advice = "; write `%s`" % shown if statement else "; use its result"
        message = (
            "`%s` returns a new tensor and leaves `%s` as it was: as a statement it does nothing (in PyTorch,"
            " `%s_` changes the tensor in place)%s" % (self.quoted(call), self.quoted(receiver), func.attr, advice)
        )
        edit = fix("Use `%s`" % statement, [replace(ctx, node, statement)], UNSAFE) if statement else None
        ctx.report(RESULT_DISCARDED, call, message, edit)

    def discarded(self, call: ast.Call) -> Optional[Tuple[ApiEntry, Optional[ast.expr]]]:
        """For a call of a "returns-result" function: its entry and the argument its result is meant
        to replace (None when not given or out of sight); None for any other call."""
        if isinstance(call.func, ast.Attribute) and call.func.attr not in self.short_names:
            return None
        entry = self.ctx.api_with(call.func, "returns-result", self.ctx.scope)  # in the visited statement
        if entry is None:
            return None
        bound = self.ctx.bind(call, entry)
        return entry, bound.get(entry.result_replaces) if bound is not None else None

    def quoted(self, node: ast.AST) -> str:
        """Code as a message quotes it: its own text on one line, else unparsed (no comments)."""
        return self.ctx.text(node) if node.lineno == node.end_lineno else ast.unparse(node)

    @staticmethod
    def torch_side(entry: ApiEntry) -> str:
        return "in PyTorch, %s" % (entry.torch_in_place or "the in-place counterpart changes its input")

    @staticmethod
    def unparsed(statement: str) -> str:
        """A statement on one line, comments left out (for a message)."""
        return ast.unparse(ast.parse(statement))

    def rebinding(self, call: ast.Call, replaced: Optional[ast.expr], entry: ApiEntry) -> Optional[str]:
        """The statement that keeps the result where the argument it replaces lives: `w.set_data(...)`
        for a shape read off `w`, `x = ...` for an assignable `x`; None when neither is in sight."""
        text = self.ctx.text(call)
        if replaced is None:
            return None
        if entry.result_replaces == "shape":
            if isinstance(replaced, ast.Attribute) and replaced.attr == "shape" and isinstance(replaced.value, _ASSIGNABLE):
                return "%s.set_data(%s)" % (self.ctx.text(replaced.value), text)
            return None
        if isinstance(replaced, (ast.Name, ast.Attribute)):  # not `grads[0]`: gradients come in a tuple
            return "%s = %s" % (self.ctx.text(replaced), text)
        return None

    def rebound_unread(self, node: ast.Assign, target: ast.Name, call: ast.Call) -> None:
        """MSL402 too: `p = initializer(..., p.shape, ...)` (`grads = ops.clip_by_value(grads, ...)`), the
        name the result replaces rebound and never read again: the result is thrown away as surely
        (StyTr-2's `for p in self.get_parameters(): p = initializer(XavierUniform(), p.shape, ...)`)."""
        found = self.discarded(call)
        if found is None:
            return
        entry, replaced = found
        shape = entry.result_replaces == "shape"
        owner = replaced.value if shape and isinstance(replaced, ast.Attribute) and replaced.attr == "shape" else replaced
        if not isinstance(owner, ast.Name) or owner.id != target.id or not self.never_read_after(node, target):
            return
        ctx = self.ctx
        statement = "%s.set_data(%s)" % (target.id, ctx.text(call)) if shape else None
        shown = statement if call.lineno == call.end_lineno or statement is None else self.unparsed(statement)
        advice = "; write `%s`" % shown if statement else "; use the result"
        message = (
            "`%s = %s` only rebinds the name `%s`, which is not read again: the result is thrown away and"
            " nothing changes (%s)%s" % (target.id, self.quoted(call), target.id, self.torch_side(entry), advice)
        )
        edit = fix("Use `%s`" % statement, [replace(ctx, node, statement)], UNSAFE) if statement else None
        ctx.report(RESULT_DISCARDED, call, message, edit)

    def never_read_after(self, node: ast.Assign, target: ast.Name) -> bool:
        """Whether a function-local name bound here is never read again: no read after the assignment,
        no closure over it, and in a loop, the loop is a `for` over that very name (each turn rebinds it)."""
        ctx = self.ctx
        scope = ctx.scope
        if not scope.is_function or target.id in scope.global_names:
            return False
        flow = ctx.flow(scope.node)
        occurrences = flow.occurrences(target.id)
        end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
        if any(o.kind == "nested" or (o.kind != "bind" and o.at > end) for o in occurrences):
            return False
        loops = [n for n, field in flow.path(node) if isinstance(n, (ast.For, ast.AsyncFor, ast.While)) and field in ("body", "orelse")]
        if not loops:
            return True
        inner = loops[-1]
        return isinstance(inner, (ast.For, ast.AsyncFor)) and isinstance(inner.target, ast.Name) and inner.target.id == target.id and len(loops) == 1

    # --- MSL403 -----------------------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        if len(node.targets) != 1:
            return
        if isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Call):
            self.none_bound(node, node.targets[0], node.value)
            self.rebound_unread(node, node.targets[0], node.value)
        if not self.lazy(node.value):
            return
        target = node.targets[0]
        if isinstance(target, ast.Name):
            uses = self.name_uses(target, node)
            cell_attribute = False
        elif isinstance(target, ast.Attribute):
            uses = self.attribute_uses(target)
            cell_attribute = self.ctx.classes.is_cell(self.ctx.method_owner(self.ctx.scope).node) if uses else False
        else:
            return
        if not uses:
            return
        kinds = [self.use_kind(use) for use in uses]
        if _INITIALISES in kinds:
            return
        computing = [kind for kind in kinds if not isinstance(kind, str)]
        if computing:
            self.report_uninitialized(node, target, computing[0], cell_attribute)

    def lazy(self, value: ast.AST) -> bool:
        """Whether a value is an initializer call certain to give a lazy tensor: its `init` an
        Initializer instance, a string or a number (a Tensor `init` gives a tensor with data)."""
        if not isinstance(value, ast.Call):
            return False
        entry = self.ctx.api_with(value.func, "lazy-tensor", self.ctx.scope)
        bound = self.ctx.bind(value, entry) if entry is not None else None
        init = bound.get("init") if bound is not None else None
        if init is None:
            return False
        if isinstance(init, ast.Call):
            name = self.ctx.qualname(init.func) or ""
            return name.startswith(INITIALIZERS) and name[len(INITIALIZERS):][:1].isupper()
        constant = self.ctx.value(init)
        return isinstance(constant, (str, int, float)) and not isinstance(constant, bool)

    def name_uses(self, target: ast.Name, node: ast.Assign) -> List[ast.expr]:
        """The reads of a name whose one binding in its scope is this assignment; [] otherwise."""
        ctx = self.ctx
        if [value for value, _ in ctx.assignments(target)] != [node.value]:
            return []
        occurrences = ctx.flow(ctx.scope.node).occurrences(target.id)
        if any(o.kind == "mutate" for o in occurrences) or target.id in ctx.scope.global_names:
            return []
        return [o.node for o in occurrences if o.kind in ("read", "nested")]

    def attribute_uses(self, target: ast.Attribute) -> List[ast.expr]:
        """The reads of `self.attr` in its class's methods, when every value the class assigns it is an
        initializer's lazy tensor; [] otherwise."""
        ctx = self.ctx
        owner = ctx.method_owner(ctx.scope)
        if owner is None or not isinstance(target.value, ast.Name) or target.value.id != self_parameter(ctx.scope.node):
            return []
        values = owner.self_attrs.get(target.attr, [])
        if not values or not all(self.lazy(v) for v in values):
            return []
        own = list(self.self_attributes(owner, target.attr))
        stored = {id(found) for found in own if isinstance(found.ctx, ast.Store)}
        if any(isinstance(found.ctx, ast.Store) and id(found) not in stored for found in ctx.attributes(target.attr)):
            return []  # assigned from outside the class too (`cell.weight = ...`): a placeholder
        return [found for found in own if isinstance(found.ctx, ast.Load)]

    def self_attributes(self, owner: Scope, attr: str) -> Iterator[ast.Attribute]:
        """Every `self.attr` in the class's methods."""
        for statement in owner.node.body:
            if not isinstance(statement, DEFS):
                continue
            receiver = self_parameter(statement)
            for found in walk(statement):
                if (isinstance(found, ast.Attribute) and found.attr == attr
                        and isinstance(found.value, ast.Name) and found.value.id == receiver):
                    yield found

    def use_kind(self, use: ast.expr) -> Union[str, ast.AST]:
        """What a read of the lazy tensor does with it: the computation that reads its data, `_INITIALISES`
        (a method that gives it its data, or handed to a constructor that does: Parameter), or `_NEUTRAL`
        (its shape, passed on to code out of sight, returned)."""
        ctx = self.ctx
        parent, field = ctx.parents.step(use)
        if isinstance(parent, ast.Attribute):
            called = ctx.parents.step(parent)
            if parent.attr in ctx.facts.tensors.initialising_methods:
                return _INITIALISES
            if isinstance(called[0], ast.Call) and called[1] == "func":
                return called[0]
            return _NEUTRAL
        if isinstance(parent, (ast.BinOp, ast.UnaryOp)) or isinstance(parent, ast.AugAssign) and field == "value":
            return parent
        if isinstance(parent, ast.Compare) and not all(isinstance(op, (ast.Is, ast.IsNot)) for op in parent.ops):
            return parent
        if isinstance(parent, ast.Subscript) and field == "value" and isinstance(parent.ctx, ast.Load):
            return parent
        call = ctx.parents.step(parent)[0] if isinstance(parent, ast.keyword) else parent
        if isinstance(call, ast.Call) and use is not call.func:
            name = ctx.qualname(call.func, ctx.scope_at(call)) or ""
            if name in ctx.facts.tensors.initialising_constructors:
                return _INITIALISES  # a Parameter draws its data itself
            if name in ctx.facts.tensors.constructors or self.tensor_function(name):
                return call
        return _NEUTRAL

    def tensor_function(self, qualname: str) -> bool:
        """Whether a qualified name is a function of a module whose functions compute on tensors (ops)."""
        modules = self.ctx.facts.tensors.function_modules
        last = qualname.rsplit(".", 1)[-1]
        return qualname.startswith(modules) and last[:1].islower()

    def report_uninitialized(self, node: ast.Assign, target: ast.expr, computation: ast.AST, cell_attribute: bool) -> None:
        ctx = self.ctx
        value = node.value
        repaired = "%s.init_data()" % ctx.text(value)
        used = "`%s` (line %d)" % (self.quoted(computation), computation.lineno)
        if cell_attribute:
            outcome = "computes with zeros in a GRAPH_MODE Cell and raises RuntimeError in PyNative"
            parameter = ctx.spelling("mindspore.Parameter", node) or "mindspore.Parameter"
            instead = "; write `%s`, or keep it in `%s(%s, name=%r, requires_grad=False)`" % (
                repaired, parameter, ctx.text(value), target.attr)
        else:
            outcome = "raises RuntimeError (the tensor is uninitialized)"
            instead = "; write `%s`" % repaired
        message = "`%s` holds no data until `.init_data()`: %s %s%s" % (self.quoted(node), used, outcome, instead)
        ctx.report(UNINITIALIZED_TENSOR, value, message, fix("Use `%s`" % repaired, [replace(ctx, value, repaired)], SAFE))

    # --- MSL405 -----------------------------------------------------------------------------------
    def returns_none(self, call: ast.Call) -> Optional[str]:
        """What a call returning None is, for the message (`mindspore.save_checkpoint`,
        `mindspore.train.Model.train`), or None when it is not one."""
        ctx = self.ctx
        if isinstance(call.func, ast.Attribute) and call.func.attr not in self.short_names | ctx.facts.none_methods:
            return None
        entry = ctx.api_with(call.func, "returns-none", ctx.scope)
        if entry is not None:
            return entry.qualname
        func = call.func
        if not isinstance(func, ast.Attribute) or not isinstance(func.value, (ast.Name, ast.Attribute)):
            return None
        if func.attr not in ctx.facts.none_methods:
            return None
        built = ctx.constructed(func.value)
        entries = [ctx.api(b.func) for b in built]
        if built and all(e is not None and func.attr in e.none_methods for e in entries):
            return "%s.%s" % (entries[0].qualname, func.attr)
        return None

    def none_bound(self, node: ast.Assign, target: ast.Name, call: ast.Call) -> None:
        """MSL405: `x = f(...)` with `f` returning None, and `x` read before it is bound again."""
        ctx = self.ctx
        what = self.returns_none(call)
        if what is None:
            return
        flow = ctx.flow(ctx.scope.node)
        binding = next((o for o in flow.occurrences(target.id) if o.node is target), None)
        if binding is None:
            return
        reads = [o for o in flow.occurrences(target.id)
                 if o.kind == "read" and o.at > binding.at and flow.reaching(target.id, o.node) is binding]
        if not reads:
            return
        read = reads[0].node
        message = "`%s` returns None (%s, measured on MindSpore 2.10.0): `%s` (line %d) is None; call it as a statement" % (
            self.quoted(call), what, target.id, read.lineno)
        ctx.report(NONE_RESULT_USED, call, message)


@lru_cache(maxsize=4)
def _short_names(facts: ApiFacts) -> FrozenSet[str]:
    """The last part of every API name that returns its result, returns None or gives a lazy tensor."""
    return frozenset(q.rsplit(".", 1)[-1] for t in ("returns-result", "returns-none", "lazy-tensor") for q in facts.with_trait(t))

