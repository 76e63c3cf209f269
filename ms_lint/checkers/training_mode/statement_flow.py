"""What MSL302 and MSL303 share: a state carried along a function's statements (branches joined,
loops to a fixpoint, `with` and `try` followed), and one summary per function of the module, each
callee summarised before its caller, under one work budget per file."""
from __future__ import annotations

import ast
import logging
from typing import TYPE_CHECKING, Any, Dict, Iterator, List

from ms_lint.checkers.training_mode.call_order import expression_calls

if TYPE_CHECKING:
    from ms_lint.analysis.context import FileContext

LOOP_PASSES = 8  # passes over a loop's body before giving up (a fixpoint takes two or three)
WORK_PER_STATEMENT = 64  # the file's budget of statement visits, per statement in the module
LOG = logging.getLogger("ms_lint")
State = Dict[Any, Any]  # what a rule knows at a point of the flow, by network family


class OutOfWork(Exception):
    """The file's work budget for following modes is spent."""


class Summaries:
    """One summary per function of the module (`summary_type()` until it is computed), made by
    running `paths(function)`; a subclass gives `paths` and `callees`."""

    summary_type: type

    def __init__(self, ctx: "FileContext") -> None:
        self.ctx = ctx
        self.summaries: Dict[int, Any] = {}
        self.work = WORK_PER_STATEMENT * sum(isinstance(n, ast.stmt) for n in ctx.parents.nodes())

    def summary(self, function: ast.AST) -> Any:
        """A function's summary, computed once."""
        if id(function) not in self.summaries:
            self.summarize_from(function)
        return self.summaries[id(function)]

    def summarize_from(self, root: ast.AST) -> None:
        """Summarize a function and what it calls, each callee before its caller, depth first in the
        order the flow meets the calls (iteratively: a call chain of any length cannot overflow)."""
        self.summaries[id(root)] = self.summary_type()  # a recursive call sees an empty summary
        stack = [(root, iter(self.callees(root)))]
        while stack:
            function, pending = stack[-1]
            callee = next((c for c in pending if id(c) not in self.summaries), None)
            if callee is not None:
                self.summaries[id(callee)] = self.summary_type()
                stack.append((callee, iter(self.callees(callee))))
                continue
            stack.pop()
            self.summaries[id(function)] = self.paths(function).run()

    def paths(self, function: ast.AST) -> "StatementFlow":
        """The flow along a function's statements, whose `run` gives its summary."""
        raise NotImplementedError

    def callees(self, function: ast.AST) -> Iterator[ast.AST]:
        """The module's functions a function calls, in the order its flow meets the calls."""
        raise NotImplementedError


class StatementFlow:
    """A state along one function's (or the module's) statements. A subclass gives `join` (where two
    paths meet), `loop` (the state after a loop, its header's calls applied), `call` (one call's
    effect) and `report_findings`; `simple` is any other statement."""

    def __init__(self, flow: Summaries, node: ast.AST) -> None:
        self.flow = flow
        self.node = node
        self.findings: List[Any] = []  # reported once the whole function is analysed
        self.summary = flow.summary_type()

    def run(self) -> Any:
        """The summary of this function (or the module body); an empty one, and no findings, when
        the file's work budget runs out (a caller that may depend on it runs out too)."""
        try:
            self.summary.exits = self.block(self.node.body, {})
        except OutOfWork:
            LOG.info("ms-lint: %s:%d: %s skipped: the file's work budget for following training modes is spent",
                     self.flow.ctx.path, getattr(self.node, "lineno", 1), self.flow.rule.code)
            return self.flow.summary_type()
        self.report_findings()
        return self.summary

    def block(self, statements: List[ast.stmt], state: State) -> State:
        """The state after a list of statements."""
        for statement in statements:
            state = self.statement(statement, state)
        return state

    def statement(self, stmt: ast.stmt, state: State) -> State:
        """The state after one statement: branches joined, loops to a fixpoint, nested defs skipped."""
        self.flow.work -= 1
        if self.flow.work < 0:
            raise OutOfWork
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return state
        if isinstance(stmt, ast.If):
            state = self.calls(stmt.test, stmt, state)
            return self.join(self.block(stmt.body, dict(state)), self.block(stmt.orelse, dict(state)))
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            header = stmt.test if isinstance(stmt, ast.While) else stmt.iter
            state = self.calls(header, stmt, state)
            return self.block(stmt.orelse, self.loop(stmt, state))
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                state = self.calls(item.context_expr, stmt, state)
            return self.block(stmt.body, state)
        if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            body = self.block(stmt.body + stmt.orelse, dict(state))
            out = body
            for handler in stmt.handlers:
                out = self.join(out, self.block(handler.body, self.join(state, body)))
            return self.block(stmt.finalbody, out)
        return self.simple(stmt, state)

    def simple(self, stmt: ast.stmt, state: State) -> State:
        return self.calls(stmt, stmt, state)

    def calls(self, node: ast.AST, stmt: ast.stmt, state: State) -> State:
        """Apply the calls in an expression, in evaluation order."""
        for call in expression_calls(self.flow.ctx, node):
            self.call(call, stmt, state)
        return state

    @staticmethod
    def join(a: State, b: State) -> State:
        raise NotImplementedError

    def loop(self, loop: ast.stmt, state: State) -> State:
        raise NotImplementedError

    def call(self, call: ast.Call, stmt: ast.stmt, state: State) -> None:
        raise NotImplementedError

    def report_findings(self) -> None:
        raise NotImplementedError
