"""Seeding calls in MindSpore code that leave MindSpore's global seed unset (MSL407)."""
from __future__ import annotations

import ast
from typing import Dict, List, Optional, Tuple

from ms_lint.analysis.context import Checker, fix
from ms_lint.analysis.names import DEFS
from ms_lint.fixes.edits import insert_statement
from ms_lint.model import SAFE, UNSAFE, Rule

SEED_DOES_NOT_SEED = Rule(
    "MSL407",
    "seed-does-not-seed",
    "torch.manual_seed, mindspore.manual_seed or a seeding helper's numpy.random.seed in MindSpore code that"
    " never calls mindspore.set_seed: ops.rand, dropout masks and nn.Dense's initial weights differ from run to run",
    fix=SAFE,
)

# callee names that are not a seeding helper of another module: a generator's own methods, readers
_NOT_HELPERS = frozenset(["manual_seed", "seed", "initial_seed", "get_seed", "get_rng_state", "set_rng_state"])
_OWN_ROOTS = frozenset(["torch", "numpy", "random", "mindspore"])

Block = Optional[ast.AST]  # the function a seeding call is in, or None: the module's own statements


class SeedingChecker(Checker):
    """MSL407: seeding calls that leave the global seed unset, judged once the module has been walked."""

    rules = (SEED_DOES_NOT_SEED,)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.active = SEED_DOES_NOT_SEED.code in ctx.enabled and ctx.uses_mindspore() and "seed" in ctx.source
        self.seeding: List[Tuple[ast.Call, str]] = []  # (call, qualified name) of each seeding call
        self.global_seed = False  # the module calls mindspore.set_seed
        self.methods: List[str] = []  # the names of seeding-like methods called (`x.set_seed(...)`)
        self.defined: set = set()  # the names of the module's functions and methods
        self.deferred = False  # the module calls another module's seeding helper that is out of sight
        # (call, where it is defined, its calls that leave the global seed unset, its seed's parameter index)
        self.helpers: List[Tuple[ast.Call, str, List[str], int]] = []

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if not self.active or "seed" not in name.lower():  # every call this rule asks about names a seed
            return
        ctx = self.ctx
        qualname = ctx.qualname(func)
        seeding = ctx.facts.seeding
        if qualname in seeding.global_seed:
            self.global_seed = True
        elif qualname in seeding.calls:
            self.seeding.append((node, qualname))
        elif self.seeding_helper(node.func, qualname):
            if isinstance(node.func, ast.Attribute) and qualname is None:
                self.methods.append(node.func.attr)
            elif not self.imported_helper(node, qualname):
                self.deferred = True

    def imported_helper(self, call: ast.Call, qualname: Optional[str]) -> bool:
        """Whether a call's seeding helper of another module is in sight, by its summary: one that
        calls mindspore.set_seed seeds the module; one whose seeding calls all leave it unset is
        judged with the module's own calls."""
        ctx = self.ctx
        imported = ctx.classes.imported(call.func, ctx.scope, qualname)
        found = ctx.classes.project.seeding(imported) if imported else None
        if found is None:
            return False
        where, summary = found
        seeding = ctx.facts.seeding
        calls = [ctx.facts.canonical(c) if c != "?" else c for c in summary.calls]
        if any(c in seeding.global_seed for c in calls):
            self.global_seed = True
        elif any(c.split(".")[0] not in _OWN_ROOTS for c in calls):
            return False  # it calls a seeding helper of its own: out of sight
        elif any(c in seeding.calls for c in calls):
            self.helpers.append((call, where, list(dict.fromkeys(c for c in calls if c in seeding.calls)), summary.parameter))
        return True

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if self.active:
            self.defined.add(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def seeding_helper(self, func: ast.expr, qualname: Optional[str]) -> bool:
        """Whether a call names a seeding function this module does not define: another module's or
        package's (`set_seed(args.seed)` from a utils module, `pl.seed_everything(0)`, an adapter's
        `torch.manual_seed`), or a method that is not a generator's own (`self.set_seed(...)`, out
        of sight unless the module defines a method of that name)."""
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if "seed" not in name.lower():
            return False
        if isinstance(func, ast.Name):
            binding = self.ctx.binding(func)
            if binding is not None and binding.kind == "def":
                return False
        if qualname is not None:
            return qualname.split(".")[0] not in _OWN_ROOTS
        return isinstance(func, ast.Name) or name not in _NOT_HELPERS

    def leave_Module(self, node: ast.Module) -> None:
        if not self.active or not (self.seeding or self.helpers) or self.global_seed or self.deferred:
            return
        if any(name not in self.defined for name in self.methods):
            return  # a method of something out of sight, `self.trainer.set_seed(...)`
        uses = self.framework_uses()
        if not uses["mindspore"] or uses["generator"]:
            return
        blocks: Dict[int, List[Tuple[ast.Call, str]]] = {}
        owners: Dict[int, Block] = {}
        for call, qualname in self.seeding:
            owner = self.block(call)
            blocks.setdefault(id(owner), []).append((call, qualname))
            owners[id(owner)] = owner
        order = list(self.ctx.facts.seeding.calls)
        reported = set()  # one finding per block
        for key, calls in blocks.items():
            judged = [(c, q) for c, q in calls if self.judged(q, owners[key], calls, uses)]
            if judged:
                call, qualname = min(judged, key=lambda cq: (order.index(cq[1]), cq[0].lineno, cq[0].col_offset))
                self.check(call, qualname)
                reported.add(key)
        for call, where, calls, parameter in self.helpers:
            owner = self.block(call)
            if id(owner) in reported or (isinstance(owner, DEFS) and not self.called(owner)):
                continue
            if uses.get("torch") and any(q.startswith("torch.") for q in calls):
                continue
            reported.add(id(owner))
            self.check_helper(call, where, sorted(calls, key=order.index), parameter)

    def judged(self, qualname: str, owner: Block, calls, uses: Dict[str, bool]) -> bool:
        """No call of a function that seeds torch in a module that computes with torch (the seeding is
        for that); a helper-only call only in a seeding helper: a function whose name says it seeds,
        or beside a seeding call that is not helper-only."""
        helper_only = self.ctx.facts.seeding.helper_only
        if uses.get("torch") and any(q.startswith("torch.") for _, q in calls):
            return False
        if isinstance(owner, DEFS) and not self.called(owner):
            return False
        if qualname in helper_only:
            named = isinstance(owner, DEFS) and "seed" in owner.name.lower()
            return named or any(q not in helper_only for _, q in calls)
        return True

    def called(self, function: ast.AST) -> bool:
        """Whether the module calls a function by its name (a method: any `x.name(...)`): a helper only
        other modules call is judged there, where set_seed may be called too."""
        ctx = self.ctx
        if ctx.callers(function):
            return True
        owner = ctx.parents.parent(function)
        return isinstance(owner, ast.ClassDef) and bool(ctx.method_calls({function.name}, ctx.tree))

    def block(self, call: ast.Call) -> Block:
        return next((a for a in reversed(self.ctx.parents.ancestors(call)) if isinstance(a, DEFS)), None)

    def framework_uses(self) -> Dict[str, bool]:
        """{"mindspore": the module names MindSpore beyond its imports, "torch": it names torch beyond
        setting a run up, "generator": it names the default Generator's state or draws from it
        (mindspore.mint's random functions: it seeds that on purpose)}: one pass over the module's names, only for a module with seeding calls."""
        ctx = self.ctx
        uses = {"mindspore": False, "torch": False, "generator": False}
        setup = ctx.facts.seeding.torch_setup
        for node in ctx.parents.nodes():
            if not isinstance(node, ast.Name):
                continue
            top: ast.expr = node
            parent = ctx.parents.parent(top)
            while isinstance(parent, ast.Attribute) and parent.value is top:
                top, parent = parent, ctx.parents.parent(parent)
            qualname = ctx.qualname(top, ctx.scope_at(node)) or ctx.qualname(node, ctx.scope_at(node))
            root = qualname.split(".")[0] if qualname else None
            if qualname in ctx.facts.seeding.generator_state or qualname in ctx.facts.seeding.generator_draws:
                uses["generator"] = True
            if root in ctx.facts.roots:
                uses["mindspore"] = True
            elif root == "torch" and not setup(qualname):
                uses["torch"] = True
        return uses

    def check(self, call: ast.Call, qualname: str) -> None:
        ctx = self.ctx
        seeds = ctx.facts.seeding.calls[qualname]
        seed = call.args[0] if call.args and not isinstance(call.args[0], ast.Starred) else None
        seed = seed or next((k.value for k in call.keywords if k.arg == "seed"), None)
        spelled = ctx.spelling("mindspore.set_seed", call)
        setter = spelled or "mindspore.set_seed"
        written = "%s(%s)" % (setter, ctx.text(seed)) if seed is not None else None
        message = "`%s` %s (mindspore.set_seed is called nowhere in the module)" % (ctx.text(call), seeds)
        message += "; add `%s`" % written if written else "; call mindspore.set_seed"
        ctx.report(SEED_DOES_NOT_SEED, call, message, self.fix(call, seed, written, spelled is not None))

    def check_helper(self, call: ast.Call, where: str, calls: List[str], parameter: int) -> None:
        """MSL407 at a call of another module's seeding helper whose seeding calls leave the global seed unset."""
        ctx = self.ctx
        seed = call.args[parameter] if 0 <= parameter < len(call.args) else None
        seed = None if isinstance(seed, ast.Starred) else seed
        spelled = ctx.spelling("mindspore.set_seed", call)
        written = "%s(%s)" % (spelled or "mindspore.set_seed", ctx.text(seed)) if seed is not None else None
        message = "`%s` runs %s, which calls %s: it %s (mindspore.set_seed is called nowhere in the module or in %s)" % (
            ctx.text(call), where, _joined(calls), ctx.facts.seeding.calls[calls[0]],
            where.rpartition(".")[2])
        message += "; add `%s`" % written if written else "; call mindspore.set_seed"
        ctx.report(SEED_DOES_NOT_SEED, call, message, self.fix(call, seed, written, spelled is not None))

    def fix(self, call: ast.Call, seed: Optional[ast.expr], written: Optional[str], spelled: bool):
        """`mindspore.set_seed(n)` on the line after the seeding statement, which stays (it seeds what
        set_seed does not); unsafe where `import mindspore` is added or `n` may not be an int >= 0."""
        ctx = self.ctx
        statement = ctx.parents.parent(call)
        if written is None or not isinstance(statement, ast.Expr):
            return None
        edit = insert_statement(ctx, statement, written, after=True)
        if edit is None:
            return None
        edits = [edit]
        if not spelled:
            first = next((s for s in ctx.tree.body if isinstance(s, (ast.Import, ast.ImportFrom))
                          and getattr(s, "module", None) != "__future__"), None)
            added = insert_statement(ctx, first, "import mindspore", after=False)
            if added is None:
                return None
            edits.insert(0, added)
        # set_seed takes only an int >= 0 (TypeError for numpy's ints, ValueError below 0), where
        # torch.manual_seed and numpy.random.seed take more: safe only for a seed known to be one
        value = ctx.value(seed)
        known = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        applicability = SAFE if spelled and known else UNSAFE
        return fix("Add `%s`" % written, edits, applicability)


def _joined(names: List[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else "%s and %s" % (", ".join(names[:-1]), names[-1])
