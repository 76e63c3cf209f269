# ms-lint-case: target-version=2.4
"""MSL401 on a name that holds a MindSpore tensor or None: `v = t if c else None`, or `v = None` and
`v = t` both reaching the use. Where the use runs only when the name is not None (a test after those
bindings), None is out of the picture and what is left is the tensor."""
import numpy as np
from mindspore import ops


def masked(x, mask, causal):
    bias = ops.where(mask, 0.0, -1e9) if causal else None
    if bias is not None:
        bias = ops.swapaxes(bias, 0, 1)  # MSL401: 15
    return x, bias


def early_return(x, keep):
    kept = None if keep is None else ops.relu(x)
    if kept is None:
        return x
    return ops.swapaxes(kept, 1, 0)  # MSL401: 11


def in_a_loop(xs, scale):
    out = []
    for x in xs:
        scaled = ops.mul(x, scale) if scale else None
        if scaled is None:
            continue
        out.append(ops.swapaxes(scaled, 0, 1))  # MSL401: 19
    return out


def short_circuit(x, flag):
    y = ops.relu(x) if flag else None
    return y is not None and ops.swapaxes(y, 0, 1)  # MSL401: 29


def else_arm(x, flag):
    y = ops.relu(x) if flag else None
    if y is None:
        return x
    elif flag > 1:
        x = ops.swapaxes(y, 1, 0)  # MSL401: 12
    return y is None or ops.swapaxes(y, 0, 1)  # MSL401: 24


def two_bindings(x, cond):
    v = None
    if cond:
        v = ops.where(x > 0, x, 0)
    if v is not None:
        x = ops.swapaxes(v, 1, 0)  # MSL401: 12
    return x


# look-alikes: nothing below is reported.

def unguarded(x, flag):
    # Without a guard the code does not say the tensor arm is the one that runs here: when it is None,
    # this line fails with AttributeError whatever the version, which is no permutation trap. No
    # evidence of a tensor at the use, no finding.
    y = ops.relu(x) if flag else None
    return y.transpose(0, 1)


def unguarded_two_bindings(x, cond):
    v = None
    if cond:
        v = ops.relu(x)
    return v.transpose(1, 0)


def guard_before_the_binding(x, flag):
    y = ops.relu(x)
    if y is None:
        return x
    y = ops.relu(x) if flag else None  # rebound after the test: None again possible
    return y.transpose(0, 1)


def another_name_tested(x, other, flag):
    y = ops.relu(x) if flag else None
    if other is not None:
        return y.transpose(0, 1)
    return x


def tested_the_wrong_way(x, flag):
    y = ops.relu(x) if flag else None
    if y is None or flag:
        return y.transpose(0, 1)
    return x


def only_none(x):
    y = None
    if y is not None:
        return y.transpose(0, 1)
    return x


def numpy_or_none(x, flag):
    y = np.ones((2, 3)) if flag else None
    if y is not None:
        return y.transpose(1, 0)
    return x


def parameter_default_none(x, y=None):
    if y is not None:
        return y.transpose(1, 0)  # a parameter: its type is out of sight
    return x


def in_a_closure(x, flag):
    y = ops.relu(x) if flag else None
    if y is not None:
        return lambda: y.transpose(0, 1)  # runs later, when y may have been rebound
    return x
