# ms-lint-case: extend-select=MSL406
import numpy as np
import torch
import mindspore as ms
from mindspore import Parameter, Tensor, mint, nn, ops


class Counter(nn.Cell):
    def __init__(self):
        super().__init__()
        self.steps = Parameter(Tensor(0, ms.int32), name="steps", requires_grad=False)
        self.scale = Parameter(Tensor(np.ones((4,), np.float32)), name="scale")

    def reset(self):
        self.steps.assign_value(ops.zeros_like(self.steps))  # MSL406: 8
        self.scale.normal_(mean=0.0, std=0.02)  # MSL406: 8

    def construct(self, x):
        self.steps.assign_value(self.steps + 1)  # MSL406: 8
        return x * self.scale


x = Tensor(np.ones((2, 3), np.float32))
w = Parameter(Tensor(np.ones((2, 3), np.float32)), name="w")
x.assign_value(x + 1.0)  # MSL406: 0
x.assign_value(x - 2 * w)  # MSL406: 0
w.assign_value(w * (0.5 + 0.5))  # MSL406: 0
w.assign_value(w / x)  # MSL406: 0
w.assign_value(ops.div(w, x, rounding_mode="floor"))  # MSL406: 0
w.normal_(0, 0.02)  # MSL406: 0
w.uniform_(-0.1, 0.1)  # MSL406: 0
w.assign_value(ops.zeros_like(w))  # MSL406: 0
w.assign_value(ops.full_like(w, 3.0))  # MSL406: 0
m = mint.ones((2, 3))
m.assign_value(m + m)  # MSL406: 0
noise = mint.empty((2, 3)).uniform_()  # MSL406: 8
chained = (x * 2).assign_value((x * 2) * w).add_(1)  # MSL406: 10, MSL406: 10


# look-alikes: nothing below is reported.

def unknown(t):
    t.add_(1.0)  # an argument: its type is out of sight
    return t.zero_()


assigned = x.assign_value(x + 1.0)
added = ops.assign_add(w, x)
copied = x.copy_(w)  # copy_ writes into x on 2.10.0
t = torch.ones(2, 3)
t.add_(1.0).mul_(2.0)
torch.nn.init.normal_(t)
t.zero_()
a = np.ones((2, 3))
a.fill(3.0)
