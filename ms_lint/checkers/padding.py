"""Padding: pad_mode, padding, kernel and stride of MindSpore convolutions and pools (MSL121-MSL127),
and the string arguments (pad_mode, reduction) a MindSpore class rejects at construction (MSL129)."""
from __future__ import annotations

import ast
import difflib
from typing import Any, Optional, Sequence, Tuple

from ms_lint.analysis.context import Checker, FileContext, fix
from ms_lint.analysis.parents import walk
from ms_lint.analysis.values import UNKNOWN, as_ints
from ms_lint.facts import ApiEntry, BoundCall
from ms_lint.fixes.edits import add_argument, replace, replace_range
from ms_lint.model import ERROR, SAFE, UNSAFE, Edit, Rule

PADDING_WITHOUT_PAD_MODE = Rule(
    "MSL121",
    "padding-without-pad-mode",
    "Padding (or a Pool's ceil_mode/dilation) set while pad_mode is not 'pad': ValueError at construction",
    severity=ERROR,
    fix=SAFE,
)
SAME_PADDING_ASYMMETRIC = Rule(
    "MSL122",
    "same-padding-asymmetric",
    "A Conv's default pad_mode='same' pads the odd extra pixel right/bottom, where PyTorch pads symmetrically",
    fix=UNSAFE,
)
EXPLICIT_SAME_PADDING_ASYMMETRIC = Rule(
    "MSL127",
    "explicit-same-padding-asymmetric",
    "An explicit pad_mode='same' pads the odd extra pixel right/bottom (TensorFlow's SAME), unlike PyTorch's padding",
    default_enabled=False,
    fix=UNSAFE,
)
POOL_STRIDE_DEFAULT = Rule(
    "MSL123",
    "pool-stride-default",
    "A pool with a kernel and no stride: MindSpore's stride defaults to 1, PyTorch's to the kernel",
    default_enabled=False,
    fix=UNSAFE,
)
CONV_IMPLICIT_SAME_PADDING = Rule(
    "MSL124",
    "conv-implicit-same-padding",
    "A Conv with a kernel larger than its stride and no pad_mode: MindSpore pads 'same' by default, PyTorch not at all",
    default_enabled=False,
    fix=UNSAFE,
)
CONV_IMPLICIT_NO_BIAS = Rule(
    "MSL125",
    "conv-implicit-no-bias",
    "A Conv without has_bias: MindSpore defaults to no bias, PyTorch to a bias",
    default_enabled=False,
    fix=UNSAFE,
)
CONV_POSITIONAL_PAD_MODE = Rule(
    "MSL126",
    "conv-positional-pad-mode",
    "The positional argument MindSpore reads as pad_mode is not a pad_mode string (PyTorch's padding)",
    severity=ERROR,
    fix=SAFE,
)
INVALID_STRING_ARGUMENT = Rule(
    "MSL129",
    "invalid-string-argument",
    "A string argument outside the values a MindSpore class accepts (pad_mode, reduction): ValueError at construction",
    severity=ERROR,
    fix=SAFE,
)

Ints = Tuple[int, ...]


def known(value: Any) -> bool:
    """A value with no UNKNOWN inside."""
    return value is not UNKNOWN and not (isinstance(value, tuple) and not all(known(v) for v in value))


def reads_a_shape(expr: ast.expr) -> bool:
    """A kernel read off a tensor's shape (`x.shape[2:]`, `shape[2]`): a global pool, whatever its stride."""
    return any(
        isinstance(n, ast.Attribute) and n.attr == "shape" or isinstance(n, ast.Name) and n.id == "shape"
        for n in walk(expr)
    )


def is_arithmetic(expr: ast.expr) -> bool:
    """`k // 2`, `k - 1`: a number whatever the operands (strings have no such operators)."""
    return isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.FloorDiv, ast.Sub, ast.Div))


def reads_as_padding(expr: ast.expr) -> bool:
    """A name such as `padding`, `pad` or `self.pad` (not `pad_mode`)."""
    name = expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else ""
    words = name.lower().split("_")
    return ("pad" in words or "padding" in words) and "mode" not in words


class Layer:
    """One call of a MindSpore convolution or pool, its arguments resolved where they can be."""

    def __init__(self, ctx: FileContext, call: ast.Call, entry: ApiEntry, bound: BoundCall) -> None:
        self.ctx, self.call, self.entry, self.bound = ctx, call, entry, bound
        names = bound.signature.names
        self.stride_name = "stride" if "stride" in names else "strides"
        self.padding_name = next((n for n in ("padding", "pad") if n in names), None)

    def value(self, name: str) -> Any:
        """The argument's value, its default when it is certainly not given, or UNKNOWN."""
        if name in self.bound.arguments:
            return self.ctx.value(self.bound.arguments[name])
        if self.bound.complete and name in self.bound.signature.names:
            default = self.bound.signature.defaults.get(name)
            return self.ctx.value(default) if default is not None else UNKNOWN
        return UNKNOWN

    def pad_mode(self) -> Optional[str]:
        value = self.value("pad_mode")
        return value.lower() if isinstance(value, str) else None

    def effective_kernel(self) -> Optional[Ints]:
        """The dilated kernel per dimension, (k - 1) * d + 1."""
        kernel = as_ints(self.value("kernel_size"))
        dilation = as_ints(self.value("dilation")) if "dilation" in self.bound.signature.names else (1,)
        if kernel is None or dilation is None:
            return None
        kernel, dilation = broadcast(kernel, dilation)
        return tuple((k - 1) * d + 1 for k, d in zip(kernel, dilation))

    def kernel_and_stride(self) -> Optional[Tuple[Ints, Ints]]:
        """The dilated kernel and the stride, one entry per dimension, where both are known."""
        kernel, stride = self.effective_kernel(), as_ints(self.value(self.stride_name))
        return broadcast(kernel, stride) if kernel is not None and stride is not None else None

    def argument_edit(self, name: str, text: str) -> Edit:
        """Set a parameter: replace its argument where given, else append it as a keyword."""
        if name in self.bound.positional_of:
            return replace(self.ctx, self.bound.arguments[name], text)
        if name in self.bound.keywords:
            return replace(self.ctx, self.bound.keywords[name], "%s=%s" % (name, text))
        return add_argument(self.ctx, self.call, "%s=%s" % (name, text))


def broadcast(a: Ints, b: Ints) -> Tuple[Ints, Ints]:
    size = max(len(a), len(b))
    return (a * size if len(a) == 1 else a), (b * size if len(b) == 1 else b)


def is_default(value: Any, default: Any) -> bool:
    """A value equal to the parameter's default; padding (0, 0, 0, 0) counts as 0, ceil_mode=None as False."""
    ints = as_ints(value)
    if default == 0 and ints is not None:
        return not any(ints)
    return not value if default is False else value == default


class PaddingChecker(Checker):
    """MSL121-MSL127: pad_mode, padding, kernel and stride of convolutions and pools."""

    rules = (
        PADDING_WITHOUT_PAD_MODE, SAME_PADDING_ASYMMETRIC, POOL_STRIDE_DEFAULT, CONV_IMPLICIT_SAME_PADDING,
        CONV_IMPLICIT_NO_BIAS, CONV_POSITIONAL_PAD_MODE, EXPLICIT_SAME_PADDING_ASYMMETRIC, INVALID_STRING_ARGUMENT,
    )

    def visit_Call(self, node: ast.Call) -> None:
        entry = self.ctx.api(node.func)
        if entry is None or entry.kind != "class":
            return
        bound = self.ctx.bind(node, entry)
        if bound is None or self.invalid_strings(node, entry, bound) or not entry.traits & {"conv", "pool"}:
            return
        layer = Layer(self.ctx, node, entry, bound)
        if self.positional_pad_mode(layer):
            return
        uneven = not self.padding_without_pad_mode(layer) and self.same_padding_asymmetric(layer)
        self.pool_stride_default(layer)
        self.implicit_defaults(layer, uneven)

    def invalid_strings(self, call: ast.Call, entry: ApiEntry, bound: BoundCall) -> bool:
        """MSL129: a string argument outside the measured choices of its parameter."""
        ctx, found = self.ctx, False
        for name, choices in entry.choices(ctx.target_version).items():
            expr = bound.arguments.get(name)
            value = ctx.value(expr) if expr is not None else None
            if not isinstance(value, str) or not ctx.evaluator.fixed_where_written(expr, ctx.scope):
                continue  # out of sight, or a parameter's default, which a caller may override
            any_case = name in entry.choices_any_case
            if (value.lower() if any_case else value) in choices:
                continue
            found = True
            accepted = ", ".join(repr(c) for c in choices) + (" (any case)" if any_case else "")
            literal = isinstance(expr, ast.Constant)
            given = "%s=%s" % (name, ctx.text(expr)) + ("" if literal else " (%r)" % value)
            message = "%s(%s) raises ValueError at construction: %s of %s %s is one of %s" % (
                ctx.text(call.func), given, name, entry.owner(ctx.target_version), entry.short_name, accepted)
            closest = closest_choice(value, choices)
            if closest is None:
                ctx.report(INVALID_STRING_ARGUMENT, expr, message)
                continue
            quote = ctx.text(expr)[0] if literal and ctx.text(expr)[0] in "'\"" else "'"
            text = quote + closest + quote
            safety = SAFE if one_slip(value.lower(), closest) else UNSAFE
            repair = fix("Use %s" % text, [replace(ctx, expr, text)], safety) if literal else None
            ctx.report(INVALID_STRING_ARGUMENT, expr, "%s: write %s" % (message, text), repair)
        return found

    def positional_pad_mode(self, layer: Layer) -> bool:
        """MSL126: PyTorch's positional padding where MindSpore reads pad_mode."""
        ctx, bound = self.ctx, layer.bound
        if "pad_mode" not in bound.positional_of:
            return False
        expr = bound.arguments["pad_mode"]
        value = ctx.value(expr)
        if isinstance(value, str) or value is UNKNOWN and not (reads_as_padding(expr) or is_arithmetic(expr)):
            return False
        certain = value is not UNKNOWN and isinstance(expr, (ast.Constant, ast.Tuple, ast.List, ast.BinOp))
        callee, position = ctx.text(layer.call.func), bound.positional_of["pad_mode"]
        message = "%s reads its argument %d, `%s`, as pad_mode (a string: 'same', 'valid' or 'pad');" \
            " PyTorch's order puts padding there" % (callee, position + 1, ctx.text(expr))
        torch_order = layer.entry.torch_positional
        args = layer.call.args[position:]
        names = torch_order[position:position + len(args)]
        if len(names) < len(args) or any(n in bound.keywords for n in names) or "pad_mode" in names:
            ctx.report(CONV_POSITIONAL_PAD_MODE, expr, message + ": pass `pad_mode='pad', padding=...` by keyword")
            return True
        text = ", ".join(["pad_mode='pad'"] + ["%s=%s" % (n, ctx.text(a)) for n, a in zip(names, args)])
        edit = replace_range(ctx, args[0], args[-1], text)
        repair = fix("Pass `%s`" % text, [edit], SAFE if certain else UNSAFE)
        ctx.report(CONV_POSITIONAL_PAD_MODE, expr, "%s: write `%s`" % (message, text), repair)
        return True

    def padding_without_pad_mode(self, layer: Layer) -> bool:
        """MSL121: padding / ceil_mode / dilation that only pad_mode='pad' allows."""
        ctx, signature = self.ctx, layer.bound.signature
        pad_mode = layer.pad_mode()
        if pad_mode is None or pad_mode == "pad":
            return False
        offending = [
            name for name in layer.entry.needs_pad_mode_pad
            if name in layer.bound.arguments and signature.names_keyword(name) and known(layer.value(name))
            and not is_default(layer.value(name), signature.default(name))
        ]
        if not offending:
            return False
        given = ", ".join("%s=%s" % (n, ctx.text(layer.bound.arguments[n])) for n in offending)
        explicit = "pad_mode" in layer.bound.arguments
        message = "%s(%s) with pad_mode %r%s raises ValueError at construction: add `pad_mode='pad'`" % (
            ctx.text(layer.call.func), given, pad_mode, "" if explicit else " (the default)")
        edit = layer.argument_edit("pad_mode", "'pad'")
        ctx.report(PADDING_WITHOUT_PAD_MODE, layer.call, message, fix("Use `pad_mode='pad'`", [edit], SAFE))
        return True

    def same_padding_asymmetric(self, layer: Layer) -> bool:
        """MSL122 / MSL127: 'same' padding (by default / by name) whose odd total goes right/bottom."""
        ctx = self.ctx
        if layer.pad_mode() != "same":
            return False
        sizes = layer.kernel_and_stride()
        if sizes is None:
            return False
        kernel, stride = sizes
        if not any(k > s and (k - s) % 2 for k, s in zip(kernel, stride)):
            return False  # 'same' pads k - s in all (an input divisible by the stride): even means symmetric
        transposed = "conv-transpose" in layer.entry.traits
        explicit = "pad_mode" in layer.bound.arguments
        rule = EXPLICIT_SAME_PADDING_ASYMMETRIC if explicit else SAME_PADDING_ASYMMETRIC
        why = "%s with pad_mode='same'%s, kernel %s and stride %s pads the odd extra row/column on the" \
            " right/bottom only, where PyTorch pads both sides alike, so ported weights see shifted inputs" % (
                ctx.text(layer.call.func), "" if explicit else " (the default)", _dims(kernel), _dims(stride))
        padding = None if transposed else self.symmetric_padding(layer, kernel)
        if padding is None or layer.padding_name is None:
            advice = "use explicit padding (ops.Pad, or output_padding for a transposed conv) to match"
            ctx.report(rule, layer.call, "%s; %s" % (why, advice))
            return True
        edits = [layer.argument_edit("pad_mode", "'pad'"), layer.argument_edit(layer.padding_name, padding)]
        advice = "`pad_mode='pad', %s=%s`" % (layer.padding_name, padding)
        ctx.report(rule, layer.call, "%s; for PyTorch's placement write %s" % (why, advice),
                   fix("Use %s" % advice, edits, UNSAFE))
        return True

    def symmetric_padding(self, layer: Layer, kernel: Ints) -> Optional[str]:
        """`k // 2` in the user's spelling for one odd, undilated kernel size, else None."""
        expr = layer.bound.arguments.get("kernel_size")
        if expr is None or len(set(kernel)) != 1 or kernel[0] % 2 == 0 or "dilation" in layer.bound.arguments:
            return None
        if isinstance(expr, ast.Constant):
            return str(kernel[0] // 2)
        return "%s // 2" % self.ctx.text(expr) if isinstance(expr, (ast.Name, ast.Attribute)) else None

    def pool_stride_default(self, layer: Layer) -> None:
        """MSL123: an nn pool given a kernel and no stride."""
        ctx, bound = self.ctx, layer.bound
        if not {"pool", "cell"} <= layer.entry.traits or "kernel_size" not in bound.arguments:
            return
        if bound.given(layer.stride_name) or layer.pad_mode() in (None, "same"):
            return
        kernel = as_ints(layer.value("kernel_size"))
        if kernel is not None and all(k == 1 for k in kernel) or reads_a_shape(bound.arguments["kernel_size"]):
            return
        text = ctx.text(bound.arguments["kernel_size"])
        message = "%s(%s) without stride moves by 1 (MindSpore's default), where PyTorch's pool moves by the" \
            " kernel: write `stride=%s` for PyTorch's output size or `stride=1` to keep it" % (
                ctx.text(layer.call.func), text, text)
        edit = layer.argument_edit(layer.stride_name, text)
        ctx.report(POOL_STRIDE_DEFAULT, layer.call, message, fix("Use `stride=%s`" % text, [edit], UNSAFE))

    def implicit_defaults(self, layer: Layer, uneven: bool) -> None:
        """MSL124 / MSL125: a Conv relying on MindSpore's 'same' padding or no-bias defaults."""
        ctx, bound, signature = self.ctx, layer.bound, layer.bound.signature
        if "conv" not in layer.entry.traits or not bound.complete:
            return
        callee = ctx.text(layer.call.func)
        sizes = layer.kernel_and_stride()
        padding_given = layer.padding_name in bound.arguments and not is_default(layer.value(layer.padding_name), 0)
        implicit_same = (
            not uneven and signature.default("pad_mode") == "same" and "pad_mode" not in bound.arguments
            and not padding_given and sizes is not None and any(k > s for k, s in zip(*sizes))
        )
        if implicit_same:
            message = "%s without pad_mode pads 'same' (MindSpore's default), where PyTorch pads nothing:" \
                " write `pad_mode='valid'` for PyTorch's behaviour or `pad_mode='same'` to keep it" % callee
            edit = layer.argument_edit("pad_mode", "'valid'")
            ctx.report(CONV_IMPLICIT_SAME_PADDING, layer.call, message, fix("Use `pad_mode='valid'`", [edit], UNSAFE))
        if signature.default("has_bias") is False and "has_bias" not in bound.arguments:
            message = "%s without has_bias has no bias (MindSpore's default), where PyTorch adds one:" \
                " write `has_bias=True` for PyTorch's behaviour or `has_bias=False` to keep it" % callee
            edit = layer.argument_edit("has_bias", "True")
            ctx.report(CONV_IMPLICIT_NO_BIAS, layer.call, message, fix("Use `has_bias=True`", [edit], UNSAFE))


def closest_choice(value: str, choices: Sequence[str]) -> Optional[str]:
    """The accepted value a string most likely means: the same letters in another case, else the
    closest spelling difflib finds (None when none is close)."""
    folded = value.lower()
    same = [c for c in choices if c.lower() == folded]
    if same:
        return same[0]
    close = difflib.get_close_matches(folded, [c.lower() for c in choices], n=1)
    return next(c for c in choices if c.lower() == close[0]) if close else None


def one_slip(typed: str, meant: str) -> bool:
    """Whether `typed` is `meant` with one slip of the keyboard: the same letters (case aside), one
    letter changed, added or dropped, or two neighbours swapped."""
    meant = meant.lower()
    if typed == meant:
        return True
    if len(typed) == len(meant):
        diffs = [i for i, (a, b) in enumerate(zip(typed, meant)) if a != b]
        if len(diffs) == 1:
            return True
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and typed[diffs[0]] == meant[diffs[1]] \
            and typed[diffs[1]] == meant[diffs[0]]
    short, long = sorted((typed, meant), key=len)
    return len(long) - len(short) == 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _dims(values: Ints) -> str:
    return str(values[0]) if len(set(values)) == 1 else str(values)
