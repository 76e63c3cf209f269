"""MSL402: a MindSpore function that returns its result and changes nothing, called as a statement where
PyTorch's in-place function (nn.init.xavier_uniform_, clip_grad_norm_) was."""
import mindspore
import mindspore as ms
import numpy as np
from mindspore import nn, ops
from mindspore.common.initializer import HeUniform, XavierUniform, initializer
from mindspore.ops import composite as C
from mindspore.ops import functional as F


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(4, 2)
        self.fc.weight.set_data(initializer(XavierUniform(), self.fc.weight.shape, self.fc.weight.dtype))  # MSL402: 8
        self.fc.bias.set_data(mindspore.common.initializer.initializer("zeros", self.fc.bias.shape))  # MSL402: 8

    def construct(self, x):
        return self.fc(x)


def init_weights(cell):
    for _, sub in cell.cells_and_names():
        if isinstance(sub, nn.Dense):
            sub.weight.set_data(initializer(HeUniform(), sub.weight.shape, sub.weight.dtype))  # MSL402: 12
            initializer("zeros", (4,))  # MSL402: 12; no tensor in sight to fill


def train_step(grads, max_norm):
    grads = ops.clip_by_global_norm(grads, max_norm)  # MSL402: 4
    grads = ms.ops.clip_by_value(grads, -1.0, 1.0)  # MSL402: 4
    grads = C.clip_by_global_norm(grads, clip_norm=5.0)  # MSL402: 4
    F.clip_by_value(x=grads[0], clip_value_min=-1.0, clip_value_max=1.0)  # MSL402: 4; grads[0] = ... fails on a tuple
    grads = ops.clip_by_global_norm(  # MSL402: 4
        grads,
        max_norm,
    )
    ops.clip_by_global_norm(tuple(grads), max_norm)  # MSL402: 4; the argument is not a name
    return grads


class Transformer(nn.Cell):
    def _reset_parameters(self):
        for p in self.get_parameters():
            if p.dim() > 1:
                p.set_data(initializer(XavierUniform(), p.shape, mindspore.float32))  # MSL402: 20


def clip_and_forget(grads, loss):
    grads = ops.clip_by_global_norm(grads, 1.0)  # MSL402: 12; rebound, never read: no fix
    return loss


def clamp_like_torch(x, net):
    probs = ops.softmax(x)
    probs = probs.clamp(1e-6, 1.0)  # MSL402: 4; torch's probs.clamp_(1e-6, 1.0)
    ops.relu(x).clip(0.0, 6.0)  # MSL402: 4; no name to keep it in
    return probs


# look-alikes: the result is kept, or the function is not MindSpore's, or it changes its input
def kept(cell, grads, max_norm):
    cell.weight.set_data(initializer(XavierUniform(), cell.weight.shape, cell.weight.dtype))
    grads = ops.clip_by_global_norm(grads, max_norm)
    clipped = C.clip_by_value(grads, -1.0, 1.0)
    initializer("ones", (2,)).init_data()
    ops.assign(cell.weight, clipped[0])
    print(ops.clip_by_value(grads, 0.0, 1.0))
    return clipped


def initializer_of_my_own(shape):
    return shape


def local_name(w):
    initializer_of_my_own(w.shape)


def shadowed(initializer, w):
    initializer(XavierUniform(), w.shape, w.dtype)


def rebound_and_read(params):
    kept = []
    for p in params:
        p = initializer(XavierUniform(), p.shape, p.dtype)
        kept.append(p)
    return kept


def rebound_in_a_while_loop(p, steps):
    while steps:
        steps = p.sum()
        p = initializer(XavierUniform(), p.shape, p.dtype)


def rebound_then_returned(grads):
    grads = ops.clip_by_global_norm(grads, 1.0)
    return grads


def closure(w):
    w = initializer(XavierUniform(), w.shape, w.dtype)
    return lambda: w


w = mindspore.Parameter(initializer("ones", (2,)), name="w")
w = initializer(XavierUniform(), w.shape, w.dtype)


def clamp_kept(x, values):
    probs = ops.softmax(x)
    probs = probs.clamp(1e-6, 1.0)
    values.clamp(0, 1)  # out of sight: a parameter
    np_values = np.ones(3)
    np_values.clip(0, 1)
    return probs
