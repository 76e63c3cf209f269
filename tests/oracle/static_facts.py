"""MindSpore's API read statically from a wheel's Python sources (zipfile + ast, never imported):
the parameters of a public name as inspect reads them (modules and names: static_modules.py)."""
from __future__ import annotations

import ast
from typing import Any, List, Optional, Tuple

from static_modules import Binding, StaticPackage

NON_LITERAL = "<non-literal>"
Shape = List[Tuple[str, str, Any]]  # (name, kind, default) per parameter, as tests/oracle/test_drift.py


class StaticWheel(StaticPackage):
    """A wheel's `mindspore` package, with the signatures of its public names."""

    def signature_of(self, binding: Binding) -> Optional[Tuple[str, ast.arguments, bool]]:
        """(module, parameters, drop the first) of what a call to the binding runs, as inspect reads
        it; None when the sources do not tell (a base defined in C++)."""
        node = binding.target
        if binding.kind == "def" and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return self._decorated(binding.module, node, is_init=False)
        if binding.kind == "def" and isinstance(node, ast.ClassDef):
            init = self.member(binding.module, node, "__init__")
            if init is None and self._compiled_bases(binding.module, node):
                return binding.module, ast.parse("def f(*args, **kwargs): pass").body[0].args, False
            if init is not None and init.kind == "def" and isinstance(init.target, ast.FunctionDef):
                return self._decorated(init.module, init.target, is_init=True)
        if binding.kind == "value" and isinstance(node, ast.Call):
            cls = self.expression(binding.module, node.func)
            if cls is not None and cls.kind == "def" and isinstance(cls.target, ast.ClassDef):
                call = self.member(cls.module, cls.target, "__call__")
                if call is not None and call.kind == "def" and isinstance(call.target, ast.FunctionDef):
                    return self._decorated(call.module, call.target, is_init=False, bound=True)
        return None

    def _decorated(self, module: str, func: ast.FunctionDef, is_init: bool,
                   bound: bool = False) -> Tuple[str, ast.arguments, bool]:
        """A def's parameters through its decorators: a wrapper without functools.wraps shows its own
        (the drift test unwraps one decorator around an `__init__`, as tests/oracle/test_drift.py)."""
        decorators = func.decorator_list
        if not (is_init and len(decorators) == 1):
            for decorator in decorators:
                wrapper = self._wrapper(module, decorator)
                if wrapper is not None:
                    return wrapper[0], wrapper[1].args, _names_self(wrapper[1].args)
        skip = any(isinstance(d, ast.Name) and d.id == "classmethod" for d in decorators)
        return module, func.args, skip or bound or (is_init and _names_self(func.args))

    def _wrapper(self, module: str, decorator: ast.expr) -> Optional[Tuple[str, ast.FunctionDef]]:
        """The function a decorator returns in place of the def, when it does not copy the def's
        signature with functools.wraps; None when it does or the sources do not define it."""
        found = self.expression(module, decorator.func if isinstance(decorator, ast.Call) else decorator)
        if found is None or found.kind != "def" or not isinstance(found.target, ast.FunctionDef):
            return None
        nested = [n for n in ast.walk(found.target) if isinstance(n, ast.FunctionDef) and n is not found.target]
        if not nested:
            return None
        wrapper = nested[-1] if isinstance(decorator, ast.Call) else nested[0]
        wraps = any("wraps" in ast.unparse(d) for d in wrapper.decorator_list)
        return None if wraps else (found.module, wrapper)

    def shape(self, qualname: str) -> Optional[Shape]:
        """The parameters of a public name as the drift test reads them through inspect."""
        binding = self.resolve(qualname)
        found = self.signature_of(binding) if binding is not None else None
        if found is None:
            return None
        module, args, skip = found
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        shape: Shape = [(a.arg, "positional", self.literal(module, d)) for a, d in zip(positional, defaults)]
        shape = shape[1:] if skip and shape else shape
        if args.vararg:
            shape.append((args.vararg.arg, "*", None))
        shape += [(a.arg, "keyword", self.literal(module, d)) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
        if args.kwarg:
            shape.append((args.kwarg.arg, "**", None))
        return shape

    def source(self, qualname: str) -> Optional[str]:
        """The parameter list as Python source, without `self`, for the facts table."""
        binding = self.resolve(qualname)
        found = self.signature_of(binding) if binding is not None else None
        if found is None:
            return None
        module, args, skip = found
        args = ast.arguments(**{f: list(getattr(args, f)) if isinstance(getattr(args, f), list) else getattr(args, f)
                                for f in args._fields})
        if skip:
            (args.posonlyargs if args.posonlyargs else args.args).pop(0)
        for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if arg is not None:
                arg.annotation = None
        args.defaults = [self._spelled(module, d) for d in args.defaults]
        args.kw_defaults = [self._spelled(module, d) for d in args.kw_defaults]
        return ast.unparse(args)

    def _spelled(self, module: str, node: Optional[ast.expr]) -> Optional[ast.expr]:
        """A default as inspect shows it: a named constant by its value."""
        value = self.literal(module, node)
        return node if node is None or value == NON_LITERAL else ast.Constant(value)

    def literal(self, module: str, node: Optional[ast.expr], depth: int = 0) -> Any:
        """A default's value as inspect would repr it: literals, arithmetic on them, and module or
        class constants; NON_LITERAL otherwise."""
        if node is None:
            return None
        try:
            return ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError):
            pass
        if isinstance(node, ast.BinOp) and depth < 10:
            left, right = self.literal(module, node.left, depth + 1), self.literal(module, node.right, depth + 1)
            operators = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
                         ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b}
            numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right))
            if numbers and type(node.op) in operators:
                return operators[type(node.op)](left, right)
        found = self.expression(module, node) if isinstance(node, (ast.Name, ast.Attribute)) else None
        if found is not None and found.kind == "value" and depth < 10:
            return self.literal(found.module, found.target, depth + 1)
        return NON_LITERAL


def _names_self(args: ast.arguments) -> bool:
    first = (args.posonlyargs + args.args)[:1]
    return bool(first) and first[0].arg in ("self", "cls")


def shape_of_source(source: str) -> Shape:
    """A table signature's parameters in the extractor's shape (the literal defaults only)."""
    args = ast.parse("def f(%s): pass" % source).body[0].args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    shape: Shape = [(a.arg, "positional", _literal(d)) for a, d in zip(positional, defaults)]
    if args.vararg:
        shape.append((args.vararg.arg, "*", None))
    shape += [(a.arg, "keyword", _literal(d)) for a, d in zip(args.kwonlyargs, args.kw_defaults)]
    if args.kwarg:
        shape.append((args.kwarg.arg, "**", None))
    return shape


def _literal(node: Optional[ast.expr]) -> Any:
    if node is None:
        return None
    try:
        return ast.literal_eval(node)
    except ValueError:
        return NON_LITERAL
