"""Initialisation: layers left to MindSpore's default initializers in code ported from PyTorch (MSL128)."""
from __future__ import annotations

import ast
import math
from typing import Any, Callable, Dict, List, Optional, Tuple

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.names import DEFS
from ms_lint.analysis.parents import walk
from ms_lint.analysis.values import as_ints
from ms_lint.facts import ApiEntry, BoundCall, Version, format_version
from ms_lint.fixes.edits import add_argument
from ms_lint.model import UNSAFE, Rule

DEFAULT_INITIALISATION = Rule(
    "MSL128", "default-initialisation",
    "A Dense, Conv or Embedding without weight_init / bias_init / embedding_table, in code ported from"
    " PyTorch, where the target's default initializer is not PyTorch's",
    fix=UNSAFE,
)

INITIALIZERS = "mindspore.common.initializer."
# what MindSpore's initializer strings draw (mindspore/common/initializer.py: Normal() is sigma=0.01)
DRAWS = {"normal": "N(0, 0.01)"}
REINIT_METHODS = {"init_weights", "initialize_weights", "reset_parameters", "init_parameters"}
TORCH_DRAWS = {"weight_init": "U(-1/sqrt(fan_in), 1/sqrt(fan_in))", "bias_init": "U(-1/sqrt(fan_in), 1/sqrt(fan_in))",
               "embedding_table": "N(0, 1)"}


def ported_from_torch(ctx: FileContext) -> bool:
    """The file imports torch, or one of its classes has a `forward` method (PyTorch's name for construct)."""
    if "torch" in ctx.names.imported_roots:
        return True
    return any(  # the classes and functions the name resolver recorded: no second walk
        isinstance(node, DEFS) and node.name == "forward" and scope.parent.is_class
        for node, scope in ctx.names.scopes.items()
    )


def reinitialises(ctx: FileContext) -> bool:
    """The file sets parameters itself (`weight.set_data(...)`, an `_init_weights` / `reset_parameters`
    method), as HuggingFace and DiT ports do: the layers' defaults are overwritten."""
    if any(isinstance(node, DEFS) and node.name.strip("_") in REINIT_METHODS
           for node in ctx.names.scopes):
        return True
    return "set_data" in ctx.source and bool(ctx.method_calls({"set_data"}, ctx.tree))  # only where the text can hold one


def shown(default: Any) -> str:
    """An initializer default and, for a string, what it draws: `'normal' (N(0, 0.01))`."""
    return "%r (%s)" % (default, DRAWS[default]) if default in DRAWS else repr(default)


class InitialisationChecker(Checker):
    """MSL128: layers left to MindSpore's default initializers in code ported from PyTorch."""

    rules = (DEFAULT_INITIALISATION,)

    def __init__(self, ctx: FileContext) -> None:
        super().__init__(ctx)
        self.applies: Optional[bool] = None

    def visit_Call(self, node: ast.Call) -> None:
        entry = self.ctx.api(node.func)
        if entry is None or not entry.torch_init:
            return
        bound = self.ctx.bind(node, entry)
        if bound is None or not bound.complete:
            return
        if self.applies is None:
            self.applies = ported_from_torch(self.ctx) and not reinitialises(self.ctx)
        if not self.applies:
            return
        left = self.defaults_left(entry, bound)
        if left:
            self.report(node, entry, bound, left)

    def defaults_left(self, entry: ApiEntry, bound: BoundCall) -> Dict[str, List[Any]]:
        """The initializer parameters not given whose default (at either neighbouring version) is not PyTorch's."""
        signatures = entry.signatures(self.ctx.target_version)
        left = {}
        for name in entry.torch_init:
            if name in bound.arguments or name not in bound.signature.names:
                continue
            if name == "bias_init" and not self.has_bias(bound):
                continue
            defaults = [s.default(name) for s in signatures if name in s.defaults]
            if any(d is not None for d in defaults):
                left[name] = defaults
        return left

    def has_bias(self, bound: BoundCall) -> bool:
        if "has_bias" in bound.arguments:
            return self.ctx.value(bound.arguments["has_bias"]) is True
        return bound.signature.default("has_bias") is True

    def report(self, call: ast.Call, entry: ApiEntry, bound: BoundCall, left: Dict[str, List[Any]]) -> None:
        ctx, target = self.ctx, self.ctx.target_version
        parts = ["without %s from %s" % (name, shown(next(d for d in ds if d is not None)))
                 for name, ds in left.items()]
        older = [v for v in entry.measured if v <= target]
        noun = "defaults" if len(left) > 1 else "default"
        if any(None in ds for ds in left.values()) and older:
            whose = "MindSpore %s's %s, which %s may still have" % (
                format_version(older[-1]), noun, format_version(target))
        else:
            whose = "MindSpore %s's %s" % (format_version(target), noun)
        torch = " and ".join(sorted({TORCH_DRAWS[n] for n in left}))
        message = "%s starts %s (%s), where PyTorch draws from %s; %s" % (
            ctx.text(call.func), " and ".join(parts), whose, torch, self.history(entry))
        texts = self.fix_texts(call, entry, bound, list(left), ctx.spelling)
        if not all(text for _, text in texts):
            plain = self.fix_texts(call, entry, bound, list(left), lambda name, at: name.rsplit(".", 1)[-1]
                                   if name.startswith(INITIALIZERS) else name)
            advice = ", ".join("%s=%s" % (k, v or "Uniform(1 / math.sqrt(fan_in))") for k, v in plain)
            ctx.report(DEFAULT_INITIALISATION, call, "%s: write `%s` (mindspore.common.initializer's names, which"
                       " the file does not import)" % (message, advice))
            return
        advice = ", ".join("%s=%s" % kv for kv in texts)
        repair = fix("Use `%s`" % advice, [add_argument(ctx, call, advice)], UNSAFE)
        ctx.report(DEFAULT_INITIALISATION, call, "%s: write `%s`" % (message, advice), repair)

    def history(self, entry: ApiEntry) -> str:
        """When MindSpore's default became PyTorch's, by the measured versions."""
        measured = sorted(entry.measured)
        torch_like = [v for v in measured if self.torch_default(entry, v)]
        if not torch_like:
            return "every measured release up to %s has this default" % format_version(measured[-1])
        first = torch_like[0]
        before = [v for v in measured if v < first]
        if not before:
            return "MindSpore's default is PyTorch's from %s" % format_version(first)
        return "MindSpore's default became PyTorch's between %s and %s (no release in between is measured)" % (
            format_version(before[-1]), format_version(first))

    @staticmethod
    def torch_default(entry: ApiEntry, version: Version) -> bool:
        signature = entry.signature(version)
        return signature is not None and all(
            signature.default(n) is None for n in entry.torch_init if n in signature.defaults)

    def fix_texts(self, call: ast.Call, entry: ApiEntry, bound: BoundCall, names: List[str],
                  spelling: Callable[[str, ast.AST], Optional[str]]) -> List[Tuple[str, Optional[str]]]:
        """`name=initializer` for each parameter in `spelling`'s names (None where it cannot be named)."""
        sqrt = spelling("math.sqrt", call)
        texts = []
        for name in names:
            if name == "embedding_table":
                normal = spelling(INITIALIZERS + "Normal", call)
                texts.append((name, "%s(1.0)" % normal if normal else None))
            elif name == "weight_init":
                he = spelling(INITIALIZERS + "HeUniform", call)
                texts.append((name, "%s(%s(5))" % (he, sqrt) if he and sqrt else None))
            else:
                uniform, fan_in = spelling(INITIALIZERS + "Uniform", call), self.fan_in(entry, bound)
                bias = "%s(1 / %s(%s))" % (uniform, sqrt, fan_in) if uniform and sqrt and fan_in else None
                texts.append((name, bias))
        return texts

    def fan_in(self, entry: ApiEntry, bound: BoundCall) -> Optional[str]:
        """PyTorch's fan_in of the layer's weight as source text: channels // group * kernel area."""
        channels = bound.arguments.get("out_channels" if "conv-transpose" in entry.traits else "in_channels")
        if channels is None or any(isinstance(n, ast.Call) for n in walk(channels)):
            return None
        text = self.ctx.text(channels)
        if "conv" not in entry.traits:
            return text
        if not isinstance(channels, (ast.Name, ast.Attribute, ast.Constant, ast.Subscript)):
            text = "(%s)" % text
        group = self.ctx.value(bound.arguments["group"]) if "group" in bound.arguments else 1
        kernel = as_ints(self.ctx.value(bound.arguments.get("kernel_size")))
        dims = int(entry.short_name[4])
        if kernel is None or not isinstance(group, int) or len(kernel) not in (1, dims):
            return None
        area = math.prod(kernel * dims if len(kernel) == 1 else kernel)
        return "%s%s%s" % (text, "" if group == 1 else " // %d" % group, "" if area == 1 else " * %d" % area)
