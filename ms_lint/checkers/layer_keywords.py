"""Layer arguments a MindSpore API's signature rejects, mostly PyTorch's: a keyword (MSL112), or more
positional arguments than it takes (MSL115)."""
from __future__ import annotations

import ast
from typing import List, Optional, Sequence, Tuple

from ms_lint.analysis.context import Checker, fix
from ms_lint.facts import ApiEntry
from ms_lint.fixes.edits import remove_arguments, remove_keyword, replace, replace_range
from ms_lint.model import ERROR, SAFE, UNSAFE, Fix, Rule

TORCH_ONLY_KEYWORD = Rule(
    "MSL112",
    "torch-only-keyword",
    "A MindSpore layer, optimizer or primitive is given a keyword its signature rejects",
    severity=ERROR,
    fix=SAFE,
)
TORCH_POSITIONAL_ARGUMENT = Rule(
    "MSL115",
    "torch-positional-argument",
    "A MindSpore layer, optimizer or primitive is given more positional arguments than its signature takes",
    severity=ERROR,
    fix=SAFE,
)
# what a removed argument may be for the removal to change nothing but the TypeError
_INERT = (ast.Constant, ast.Name, ast.Attribute)


class LayerKeywordChecker(Checker):
    """MSL112 / MSL115: keywords and positional arguments a MindSpore API's signature rejects."""

    rules = (TORCH_ONLY_KEYWORD, TORCH_POSITIONAL_ARGUMENT)
    sees_partial_calls = True

    def visit_Call(self, node: ast.Call) -> None:
        entry = self.ctx.api(node.func)
        if entry is not None and entry.kind == "class":
            self.extra_positionals(node, entry)
        if entry is None or entry.signature(self.ctx.target_version) is None:
            return
        given = {k.arg for k in node.keywords if k.arg}
        for keyword in node.keywords:
            if keyword.arg and entry.accepts_keyword(keyword.arg, self.ctx.target_version) is False:
                self.report(node, entry, keyword, given)

    def report(self, call: ast.Call, entry: ApiEntry, keyword: ast.keyword, given: set) -> None:
        ctx = self.ctx
        callee, name = ctx.text(call.func), keyword.arg
        when = "at construction" if entry.kind == "class" else "when called"
        problem = "%s does not accept `%s=` and raises %s" % (callee, name, when)
        mapped = self.replacement(call, entry, keyword, given)
        spelled = self.mindspore_names(entry, name)
        if mapped is None and spelled and set(spelled) & given:
            message = "%s; MindSpore spells it `%s`, which the call already gives: remove `%s=`" % (
                problem, "`, `".join(spelled), name)
            ctx.report(TORCH_ONLY_KEYWORD, keyword, message)
        elif mapped is None:
            message = "%s (%s %s has no such parameter); remove it or express it another way" % (
                problem, entry.owner(ctx.target_version), entry.short_name)
            ctx.report(TORCH_ONLY_KEYWORD, keyword, message)
        else:
            ctx.report(TORCH_ONLY_KEYWORD, keyword, "%s; %s" % (problem, mapped.message), mapped)

    def mindspore_names(self, entry: ApiEntry, name: str) -> List[str]:
        """The MindSpore keywords the table maps a PyTorch keyword to, where this API accepts them."""
        target = self.ctx.facts.torch_keywords.get(name)
        names: Sequence[str] = [target] if isinstance(target, str) else list(target or ())
        accepted = all(entry.accepts_keyword(n, self.ctx.target_version) for n in names)
        return list(names) if names and names[0] and accepted else []

    def replacement(self, call: ast.Call, entry: ApiEntry, keyword: ast.keyword, given: set) -> Optional[Fix]:
        """The MindSpore spelling of a PyTorch keyword, where the table maps it and the API takes it."""
        ctx = self.ctx
        if ctx.facts.torch_keywords.get(keyword.arg) == "":
            return fix("`%s=` has no effect in MindSpore: remove it" % keyword.arg,
                       [remove_keyword(ctx, call, keyword)], SAFE)
        names = self.mindspore_names(entry, keyword.arg)
        if not names or set(names) & given:
            return None
        value = keyword.value
        if len(names) == 1:
            parts = [ctx.text(value)]
        elif isinstance(value, (ast.Tuple, ast.List)) and len(value.elts) == len(names):
            parts = [ctx.text(e) for e in value.elts]
        elif isinstance(value, (ast.Name, ast.Attribute)):
            parts = ["%s[%d]" % (ctx.text(value), i) for i in range(len(names))]
        else:
            return None
        text = ", ".join("%s=%s" % pair for pair in zip(names, parts))
        return fix("write `%s`" % text, [replace(ctx, keyword, text)], SAFE)

    def extra_positionals(self, call: ast.Call, entry: ApiEntry) -> None:
        """MSL115: more positional arguments than every signature that may be in force takes."""
        ctx = self.ctx
        signatures = entry.signatures(ctx.target_version)
        if not signatures or any(s.varargs for s in signatures):
            return
        limit = max(len(s.positional) for s in signatures)
        given = next((i for i, a in enumerate(call.args) if isinstance(a, ast.Starred)), len(call.args))
        if given <= limit:
            return
        extras = call.args[limit:given]
        names = signatures[-1].positional
        takes = "%d positional argument%s (%s)" % (limit, "" if limit == 1 else "s", ", ".join(names)) if names \
            else "no positional argument"
        problem = "%s with %d positional arguments raises at construction: %s %s takes %s" % (
            ctx.text(call.func), given, entry.owner(ctx.target_version), entry.short_name, takes)
        meanings = [self.torch_meaning(entry, limit + i) for i in range(len(extras))]
        parts = [self.describe(entry, expr, meaning) for expr, meaning in zip(extras, meanings)]
        repair = self.positional_fix(call, extras, meanings, given < len(call.args))
        them = "it" if len(extras) == 1 else "them"
        advice = repair.message if repair else "remove %s, or pass what %s meant by keyword" % (them, them)
        ctx.report(TORCH_POSITIONAL_ARGUMENT, extras[0], "%s, and %s: %s" % (problem, "; ".join(parts), advice), repair)

    def describe(self, entry: ApiEntry, expr: ast.expr, meaning: Tuple[Optional[str], Optional[str]]) -> str:
        text = self.ctx.text(expr)
        torch_name, keyword = meaning
        if torch_name is None:
            return "`%s` is one too many" % text
        if keyword == "":
            return "`%s` is PyTorch's `%s`, which has no effect in MindSpore" % (text, torch_name)
        if keyword:
            return "`%s` is PyTorch's `%s`, MindSpore's keyword `%s=`" % (text, torch_name, keyword)
        return "`%s` is PyTorch's `%s`, which %s lacks" % (text, torch_name, entry.short_name)

    def torch_meaning(self, entry: ApiEntry, index: int) -> Tuple[Optional[str], Optional[str]]:
        """PyTorch's parameter at a position and the MindSpore keyword for it: "" where it has no effect,
        a keyword the API accepts, or None; (None, None) where the table does not know PyTorch's order."""
        order = entry.torch_positional
        if index >= len(order):
            return None, None
        name = order[index]
        target = self.ctx.facts.torch_keywords.get(name, name)
        if target == "":
            return name, ""
        if isinstance(target, str) and entry.accepts_keyword(target, self.ctx.target_version):
            return name, target
        return name, None

    def positional_fix(self, call: ast.Call, extras: List[ast.expr], meanings: List[Tuple[Optional[str], Optional[str]]],
                       starred_after: bool) -> Optional[Fix]:
        """Drop the arguments PyTorch reads as no-effect parameters, pass the others by MindSpore's
        keyword; None where one of them has no MindSpore meaning or *args follows."""
        ctx = self.ctx
        if starred_after or any(keyword is None for _, keyword in meanings):
            return None
        keywords = [(k, e) for e, (_, k) in zip(extras, meanings) if k]
        given = {k.arg for k in call.keywords}
        if any(k in given for k, _ in keywords):
            return None
        if keywords and len(keywords) < len(extras):
            return None
        dropped = [e for e, (_, k) in zip(extras, meanings) if not k]
        if keywords:
            text = ", ".join("%s=%s" % (k, ctx.text(e)) for k, e in keywords)
            edits = [replace_range(ctx, extras[0], extras[-1], text)]
            message = "write `%s`" % text
        else:
            edits = [remove_arguments(ctx, call, extras[0], extras[-1])]
            message = "remove %s" % ", ".join("`%s`" % ctx.text(e) for e in dropped)
        safe = all(isinstance(e, _INERT) for e in dropped)
        return fix(message, edits, SAFE if safe else UNSAFE)
