"""Cell containers: Cells kept in a plain list, tuple or dict on a Cell (MSL134)."""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Set, Tuple

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.dataflow import self_parameter
from ms_lint.analysis.names import DEFS, MAX_DEPTH, Scope
from ms_lint.analysis.origins import Built, built_by, origins
from ms_lint.analysis.parents import walk
from ms_lint.fixes.edits import insert_statement, replace
from ms_lint.model import UNSAFE, Edit, Rule

CELLS_IN_PLAIN_CONTAINER = Rule(
    "MSL134",
    "cells-in-plain-container",
    "Cells held in a plain list, tuple or dict on a Cell: their parameters are not registered",
    fix=UNSAFE,
)

PLAIN = (ast.List, ast.Tuple, ast.Dict, ast.ListComp, ast.DictComp)
NOT_LAYERS = frozenset({"optimizer", "torch-style-optimizer", "lr-schedule", "dynamic-lr"})
STATE = frozenset({"has-parameters", "holds-cells"})  # a MindSpore Cell that a container must register
ADDS = frozenset({"append", "insert", "extend", "update", "setdefault"})
PARAMETERS = frozenset({"mindspore.Parameter", "mindspore.ParameterTuple"})
REGISTERS = frozenset({"insert_child_to_cell", "__setattr__", "add_module", "register_module"})
Located = Tuple[ast.expr, Scope]  # an expression and the scope its names are looked up in


class _ClassUses:
    """One walk over a Cell class's methods: what they add to `self.x` / to local names, which
    `self.x` and local names reach a call other than a builtin's or have parameters frozen by hand
    (both: `passed`), which local names are stored on self, and whether a method registers cells by hand (setattr(self, ...), insert_child_to_cell)."""

    def __init__(self, ctx: FileContext, cls: ast.ClassDef) -> None:
        self.added: Dict[Tuple[int, str], List[Located]] = {}  # (id of the method or 0 for self, name) -> elements
        self.adds: Dict[Tuple[int, str], List[ast.AST]] = {}  # the same keys -> the nodes that add them
        self.passed: Set[Tuple[int, str]] = set()
        self.stored: Set[Tuple[int, str]] = set()  # local names assigned to a self attribute
        self.registers = False
        for method in (s for s in cls.body if isinstance(s, DEFS)):
            me = self_parameter(method)
            if me is None:
                continue
            scope = ctx.names.scopes.get(method)
            if scope is None:
                continue
            for node in walk(method):
                self.see(ctx, node, method, me, scope)

    def key(self, expr: ast.AST, method: ast.AST, me: str) -> Optional[Tuple[int, str]]:
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id == me:
            return (0, expr.attr)
        if isinstance(expr, ast.Name) and expr.id != me:
            return (id(method), expr.id)
        return None

    def add(self, key: Tuple[int, str], node: ast.AST, elements: List[Located]) -> None:
        self.added.setdefault(key, []).extend(elements)
        self.adds.setdefault(key, []).append(node)

    def see(self, ctx: FileContext, node: ast.AST, method: ast.AST, me: str, scope: Scope) -> None:
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == me and func.attr in REGISTERS:
                self.registers = True
            elif isinstance(func, ast.Name) and func.id == "setattr" and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id == me:
                self.registers = True
            if isinstance(func, ast.Attribute) and func.attr in ADDS:
                key = self.key(func.value, method, me)
                if key is not None:
                    self.add(key, node, [(e, scope) for e in _added(func.attr, node)])
                    return
            if not (ctx.qualname(func, scope) or "").startswith("builtins."):
                for arg in list(node.args) + [k.value for k in node.keywords]:
                    arg = arg.value if isinstance(arg, ast.Starred) else arg
                    arg = arg.value if isinstance(arg, ast.Subscript) else arg
                    key = self.key(arg, method, me)
                    if key is not None:
                        self.passed.add(key)
        elif isinstance(node, ast.AugAssign):
            key = self.key(node.target, method, me)
            if key is not None:
                self.add(key, node, [(e, scope) for e in _elements(node.value)])
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript):
                    key = self.key(target.value, method, me)
                    if key is not None:
                        self.add(key, node, [(node.value, scope)])
                    if isinstance(target.value, ast.Attribute) and target.value.attr == "_cells":
                        self.registers = True
                elif isinstance(target, ast.Attribute) and target.attr == "requires_grad":
                    frozen = target.value  # `self.convs[i].weight.requires_grad = False`: meant to stay fixed
                    while isinstance(frozen, (ast.Attribute, ast.Subscript)) and self.key(frozen, method, me) is None:
                        frozen = frozen.value
                    key = self.key(frozen, method, me)
                    if key is not None:
                        self.passed.add(key)
                elif isinstance(target, ast.Attribute) and isinstance(node.value, ast.Name):
                    self.stored.add((id(method), node.value.id))


def _added(method: str, call: ast.Call) -> List[ast.expr]:
    """The elements a list or dict method call adds: `append(e)`, `insert(i, e)`, `extend([...])`, `update({...})`."""
    if method == "append" and len(call.args) == 1:
        return [call.args[0]]
    if method in ("insert", "setdefault") and len(call.args) == 2:
        return [call.args[1]]
    if method in ("extend", "update") and len(call.args) == 1:
        return _elements(call.args[0])
    return []


def _elements(value: ast.expr) -> List[ast.expr]:
    """The elements a literal container or comprehension holds (its values, for a dict)."""
    if isinstance(value, (ast.List, ast.Tuple)):
        return [e for e in value.elts if not isinstance(e, ast.Starred)]
    if isinstance(value, ast.Dict):
        return [v for k, v in zip(value.keys, value.values) if k is not None]
    if isinstance(value, ast.ListComp):
        return [value.elt]
    if isinstance(value, ast.DictComp):
        return [value.value]
    return []


class CellContainerChecker(Checker):
    """MSL134: Cells in a plain list, tuple or dict assigned to a Cell's attribute."""

    rules = (CELLS_IN_PLAIN_CONTAINER,)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        ctx = self.ctx
        scope = ctx.names.scopes.get(node)
        if scope is None:
            return
        self.value_scopes = scope.self_attr_scopes
        candidates = {a: v for a, v in scope.self_attrs.items() if any(self.container(x) or self.local_name(x) for x in v)}
        if not candidates or not ctx.classes.is_cell(node):
            return
        uses = _ClassUses(ctx, node)
        if uses.registers:
            return
        for attr, values in candidates.items():
            self.check_attribute(attr, values, uses)

    def scope_of(self, value: ast.expr) -> Scope:
        """The scope of the method that assigns `value` to `self.x` (recorded by the name analysis), or
        the walk's answer for any other node."""
        found = self.value_scopes.get(id(value))
        return found if found is not None else self.ctx.scope_at(value)

    def container(self, value: ast.expr) -> bool:
        """A literal list, tuple or dict, a comprehension of one, or an empty `list()` / `dict()`."""
        if isinstance(value, PLAIN):
            return True
        return (
            isinstance(value, ast.Call) and not value.args and not value.keywords
            and self.ctx.qualname(value.func, self.scope_of(value)) in ("builtins.list", "builtins.dict")
        )

    def local_name(self, value: ast.expr) -> bool:
        """A name a method binds to a container (`layers = []`), assigned to `self.x` later."""
        if not isinstance(value, ast.Name):
            return False
        scope = self.scope_of(value)
        return scope.is_function and self.local_containers(value, scope) is not None

    def local_containers(self, name: ast.Name, scope: Scope) -> Optional[List[ast.expr]]:
        """The containers a local name is assigned in its method (every assignment one), or None."""
        values = [v for v, _ in self.ctx.assignments(name, scope)]
        return values if values and all(self.container(v) for v in values) else None

    def check_attribute(self, attr: str, values: List[ast.expr], uses: _ClassUses) -> None:
        ctx = self.ctx
        if (0, attr) in uses.passed:
            return
        sources: List[Tuple[ast.expr, List[ast.expr]]] = []  # (the value assigned to self.attr, its containers)
        elements: List[Located] = list(uses.added.get((0, attr), []))
        for value in values:
            if isinstance(value, ast.Constant) and value.value is None:
                continue
            scope = self.scope_of(value)
            if self.container(value):
                sources.append((value, [value]))
            elif isinstance(value, ast.Name) and scope.is_function:
                containers = self.local_containers(value, scope)
                key = (id(scope.node), value.id)
                if containers is None or key in uses.passed:
                    return
                sources.append((value, containers))
                elements += uses.added.get(key, [])
            else:
                return  # also assigned something else: `self.x = nn.CellList(self.x)`
            elements += [(e, scope) for c in sources[-1][1] for e in _elements(c)]
        found = [b for b in (self.cell(e, scope, uses) for e, scope in elements) if b is not None]
        if not found or not sources:
            return
        first, containers = sources[0]
        example = ctx.text(found[0].call.func) + "(...)"
        kind = "dict" if any(isinstance(c, (ast.Dict, ast.DictComp)) for c in containers) else (
            "tuple" if any(isinstance(c, ast.Tuple) for c in containers) else "list")
        wrapper = "CellDict" if kind == "dict" else "CellList"
        edits = self.wrap_edits(attr, sources, wrapper, found, uses)
        spelled = ctx.spelling("mindspore.nn." + wrapper, first) or "mindspore.nn." + wrapper
        if kind == "dict" and any(b.entry is not None and "holds-cells" in b.traits for b in found):
            spelled_list = ctx.spelling("mindspore.nn.CellList", first) or "mindspore.nn.CellList"
            remedy = (
                "a `%s` takes no CellList, CellDict or SequentialCell (TypeError), so keep them in one"
                " `%s(...)` and map the keys to its indices" % (spelled, spelled_list)
            )
        else:
            remedy = "wrap it in `%s(...)`" % spelled
        message = (
            "self.%s holds Cells (%s) in a plain %s: a Cell registers only Cells (and CellList / CellDict)"
            " set on its attributes, so their parameters are not in trainable_params() (not trained, not"
            " saved in checkpoints) and set_train does not reach them; %s" % (attr, example, kind, remedy)
        )
        found_fix = fix("Wrap in %s" % spelled, edits, UNSAFE) if edits else None
        ctx.report(CELLS_IN_PLAIN_CONTAINER, first, message, found_fix)

    def cell(self, expr: ast.expr, scope: Scope, uses: _ClassUses) -> Optional[Built]:
        """The construction of a Cell that holds parameters or other Cells, which `expr` is, or None."""
        ctx = self.ctx
        if isinstance(expr, ast.Call):
            made = [built_by(ctx, expr, scope)]
        elif isinstance(expr, ast.Name) and scope.is_function and (id(scope.node), expr.id) not in uses.stored:
            made = origins(ctx, expr, scope)
        else:
            return None
        stateful = [b for b in made if b is not None and _stateful(ctx, b, 0)]
        return stateful[0] if stateful and len(stateful) == len(made) else None

    def wrap_edits(self, attr: str, sources: List[Tuple[ast.expr, List[ast.expr]]], wrapper: str, found: List[Built], uses: _ClassUses) -> List[Edit]:
        """Each value assigned to the attribute wrapped in nn.CellList / nn.CellDict, or [] where one
        cannot be. Where the class adds to `self.x` after assigning it, `self.x = nn.CellList(self.x)`
        goes after the last addition: Cells appended to an empty CellList get parameter names without
        its attribute's prefix (duplicates across two such lists: ValueError in an optimizer)."""
        ctx = self.ctx
        entry = ctx.facts.lookup("mindspore.nn." + wrapper)
        if entry is None or not entry.available(ctx.target_version):
            return []
        if any(b.entry is not None and "holds-cells" in b.traits for b in found) and wrapper == "CellDict":
            return []  # a CellDict takes no CellList, CellDict or SequentialCell
        spelled = [ctx.spelling("mindspore.nn." + wrapper, value) for value, _ in sources]
        if None in spelled:
            return []
        later = uses.adds.get((0, attr))
        if later:
            edit = self.wrap_after(sources, later, spelled[0]) if len(sources) == 1 else None
            return [edit] if edit is not None else []
        edits = []
        for (value, containers), wrap in zip(sources, spelled):
            if isinstance(value, ast.Name):
                local = uses.adds.get((id(self.scope_of(value).node), value.id), [])
                if any(c for c in containers if not isinstance(c, (ast.List, ast.ListComp))) or wrapper == "CellDict":
                    return []
                if any(add.lineno >= value.lineno for add in local):
                    return []  # added to after it is wrapped: the CellList would not see it
                edits.append(replace(ctx, value, "%s(%s)" % (wrap, value.id)))
                continue
            text = ctx.text(value)
            if isinstance(value, ast.Tuple):
                edits.append(replace(ctx, value, "%s([%s])" % (wrap, _tuple_items(text, len(value.elts)))))
            elif isinstance(value, ast.DictComp) or (isinstance(value, ast.Dict) and not all(_key(k) for k in value.keys)):
                return []
            elif isinstance(value, (ast.List, ast.ListComp, ast.Dict)):
                edits.append(replace(ctx, value, "%s(%s)" % (wrap, text)))
            else:
                return []
        return edits

    def wrap_after(self, sources: List[Tuple[ast.expr, List[ast.expr]]], adds: List[ast.AST], wrap: str) -> Optional[Edit]:
        """`self.x = nn.CellList(self.x)` after the last statement that adds to `self.x`, in the block
        of its one assignment (every addition inside that block, after it), or None."""
        ctx = self.ctx
        value = sources[0][0]
        stmt = ctx.parents.parent(value)
        if isinstance(value, ast.Name) or isinstance(value, ast.Tuple) or not isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            return None
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
        block, field = ctx.parents.step(stmt)
        statements = getattr(block, field, None) if block is not None else None
        if not isinstance(target, ast.Attribute) or not isinstance(statements, list):
            return None
        index = {id(s): i for i, s in enumerate(statements)}
        last = index[id(stmt)]
        for add in adds:
            top = next((child for parent, child in ctx.parents.links(add) if parent is block and id(child) in index), None)
            if top is None or index[id(top)] <= index[id(stmt)]:
                return None
            last = max(last, index[id(top)])
        attr = ctx.text(target)
        return insert_statement(ctx, statements[last], "%s = %s(%s)" % (attr, wrap, attr), after=True)


def _stateful(ctx: FileContext, built: Built, depth: int) -> bool:
    """A Cell that a container must register: a MindSpore one that creates parameters or holds other
    Cells (not an activation, a pool, a loss, an optimizer or a schedule), a project Cell class that
    holds one or a Parameter, or a Cell class of another module (its body is out of sight)."""
    if "cell" not in built.traits or built.traits & NOT_LAYERS:
        return False
    if built.project_class is not None:
        return _holds_state(ctx, built.project_class, depth)
    return built.outside is not None or bool(built.traits & STATE)


def _holds_state(ctx: FileContext, cls: ast.ClassDef, depth: int) -> bool:
    """Whether a project Cell class (or a base of it in this module) sets on self a Parameter or a
    Cell that holds state, or has a base out of sight; once per class."""
    key = ("holds-state", id(cls))
    if key in ctx.memo:
        return ctx.memo[key]
    ctx.memo[key] = False  # a class that holds itself adds nothing
    found = depth <= MAX_DEPTH and _holds_state_now(ctx, cls, depth)
    ctx.memo[key] = found
    return found


def _holds_state_now(ctx: FileContext, cls: ast.ClassDef, depth: int) -> bool:
    classes = ctx.classes
    for owner in classes.lineage(cls):
        outer = classes.outer_scope(owner)
        for base in owner.bases:
            qualname = ctx.qualname(base, outer)
            if classes.local(base, outer) is None and (qualname is None or ctx.facts.lookup(qualname, ctx.patches) is None):
                if qualname != "builtins.object":
                    return True  # a base out of sight may hold anything
        scope = ctx.names.scopes.get(owner)
        for value in (v for values in (scope.self_attrs.values() if scope else ()) for v in values):
            if not isinstance(value, ast.Call):
                continue
            where = scope.self_attr_scopes.get(id(value), scope)
            if ctx.qualname(value.func, where) in PARAMETERS:
                return True
            built = built_by(ctx, value, where)
            if built is not None and _stateful(ctx, built, depth + 1):
                return True
    return False


def _key(key: Optional[ast.expr]) -> bool:
    """A key a CellDict takes: a string literal, not empty, without a dot."""
    return isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value != "" and "." not in key.value


def _tuple_items(text: str, count: int) -> str:
    """A tuple's source without its own parentheses, where it has them (`(a, b)`, not `(a), (b)`)."""
    inner = text[1:-1] if text.startswith("(") and text.endswith(")") else text
    try:
        parsed = ast.parse("[%s]" % inner, mode="eval").body
    except SyntaxError:
        return text
    return inner if isinstance(parsed, ast.List) and len(parsed.elts) == count else text
