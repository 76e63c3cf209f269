"""Layer keywords: a keyword a MindSpore API's signature rejects, mostly PyTorch's spelling (MSL112)."""
from __future__ import annotations

import ast
from typing import List, Optional, Sequence

from ms_lint.analysis.context import Checker, fix
from ms_lint.facts import ApiEntry
from ms_lint.fixes.edits import remove_keyword, replace
from ms_lint.model import ERROR, SAFE, Fix, Rule

TORCH_ONLY_KEYWORD = Rule(
    "MSL112",
    "torch-only-keyword",
    "A MindSpore layer, optimizer or primitive is given a keyword its signature rejects",
    severity=ERROR,
    fix=SAFE,
)


class LayerKeywordChecker(Checker):
    """MSL112: keywords a MindSpore API's signature rejects."""

    rules = (TORCH_ONLY_KEYWORD,)
    sees_partial_calls = True

    def visit_Call(self, node: ast.Call) -> None:
        entry = self.ctx.api(node.func)
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
