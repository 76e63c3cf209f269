"""Where each node of a module sits: its parent, the field that holds it, its ancestors.

One service per file, which every rule and analysis asks instead of indexing the walk's stack or
building a parent map of its own. The visited node's parent comes from the engine walk's stack; any
other node's from a table of every node, built on first use in one iterative pass (deep nesting
cannot overflow the stack), source order. `walk` and `children` are the analysis's `ast.walk` and
`ast.iter_child_nodes`: the same nodes in the same order, cheaper.
"""
from __future__ import annotations

import ast
from collections import deque
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

Step = Tuple[ast.AST, str]  # a parent and the field of it that holds the child
# Operators and expression contexts: one shared instance each, with no parent of their own.
_SHARED = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)


def children(node: ast.AST) -> List[ast.AST]:
    """A node's direct children in field order: `ast.iter_child_nodes` as a list, without its
    generators (the analysis asks this of most nodes of a file)."""
    found: List[ast.AST] = []
    push, is_node, node_type = found.append, isinstance, ast.AST
    for field in node._fields:
        value = getattr(node, field, None)
        if type(value) is list:
            for item in value:
                if is_node(item, node_type):
                    push(item)
        elif is_node(value, node_type):
            push(value)
    return found


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under `node`, itself first, in `ast.walk`'s order (breadth first)."""
    todo = deque((node,))
    pop, extend = todo.popleft, todo.extend
    while todo:
        node = pop()
        extend(children(node))
        yield node


class Parents:
    """The parent, field and ancestors of every node of one module."""

    def __init__(self, tree: ast.AST, walk_stack: Sequence[ast.AST] = ()) -> None:
        self.tree = tree
        self.walk_stack = walk_stack  # the engine walk's ancestors of the visited node, itself last
        self._steps: Optional[Dict[int, Step]] = None
        self._nodes: List[ast.AST] = []

    def _table(self) -> Dict[int, Step]:
        if self._steps is None:
            steps: Dict[int, Step] = {}
            nodes = self._nodes
            todo: List[ast.AST] = [self.tree]
            while todo:
                node = todo.pop()
                nodes.append(node)
                below = []
                for field in node._fields:
                    value = getattr(node, field, None)
                    for child in value if type(value) is list else (value,):
                        if isinstance(child, ast.AST) and not isinstance(child, _SHARED):
                            steps[id(child)] = (node, field)
                            below.append(child)
                todo.extend(reversed(below))
            self._steps = steps
        return self._steps

    def nodes(self) -> List[ast.AST]:
        """Every node of the module, the module first, in source order (depth first)."""
        self._table()
        return self._nodes

    def step(self, node: ast.AST) -> Tuple[Optional[ast.AST], str]:
        """A node's parent and the field of it that holds the node, or (None, "") for the module."""
        return self._table().get(id(node), (None, ""))

    def parent(self, node: ast.AST) -> Optional[ast.AST]:
        """A node's parent, or None for the module."""
        stack = self.walk_stack
        if stack and stack[-1] is node:
            return stack[-2] if len(stack) > 1 else None
        return self.step(node)[0]

    def ancestors(self, node: ast.AST) -> List[ast.AST]:
        """A node's ancestors, innermost first, the module last."""
        stack = self.walk_stack
        if stack and stack[-1] is node:
            return list(reversed(stack[:-1]))
        found = []
        table = self._table()
        step = table.get(id(node))
        while step is not None:
            found.append(step[0])
            step = table.get(id(step[0]))
        return found

    def links(self, node: ast.AST) -> List[Tuple[ast.AST, ast.AST]]:
        """(parent, child) from the node up to the module, innermost first: `child` is the node or
        the ancestor through which `parent` holds it."""
        above = self.ancestors(node)
        return list(zip(above, [node] + above))

    def enclosing(self, node: ast.AST, *types: type) -> Optional[ast.AST]:
        """The innermost ancestor of one of `types` (the node itself excluded), or None."""
        return next((a for a in self.ancestors(node) if isinstance(a, types)), None)

    def path(self, node: ast.AST, root: ast.AST) -> Tuple[Step, ...]:
        """The steps from `root` down to a node, outermost first, each an ancestor and the field
        taken; empty when the node is not inside `root`."""
        steps = []
        table = self._table()
        step = table.get(id(node))
        while step is not None:
            steps.append(step)
            if step[0] is root:
                return tuple(reversed(steps))
            step = table.get(id(step[0]))
        return ()
