import numpy as np
import torch
import mindspore as ms
from mindspore import Parameter, Tensor, mint, nn, ops


class Head(nn.Cell):
    def __init__(self, dim):
        super().__init__()
        self.dense = nn.Dense(dim, dim)
        self.bias = Parameter(Tensor(np.zeros((dim,), np.float32)), name="bias")

    def construct(self, x):
        y = self.dense(x)
        batch = y.size(0)  # MSL404: 16
        dims = self.bias.size()  # MSL404: 15
        frozen = y.detach()  # MSL404: 17
        return y.reshape(batch, -1), dims, frozen


x = Tensor(np.ones((2, 3), np.float32))
w = Parameter(Tensor(np.ones((2, 3), np.float32)), name="w")
rows = x.size(dim=0)  # MSL404: 7
host = x.cpu().asnumpy()  # MSL404: 7
on_gpu = x.cuda()  # MSL404: 9
moved = x.to("cuda")  # MSL404: 8
moved_half = x.to("cuda:0", ms.float16)  # MSL404: 13
moved_device = x.to(torch.device("cuda"))  # MSL404: 15
m = mint.ones((2, 3))
m_rows = m.size(0)  # MSL404: 9
width = (x + 1).size(1)  # MSL404: 8
outer = ops.ones((2, 3)).detach()  # MSL404: 8


# look-alikes: nothing below is reported.

def unknown(t, net):
    return t.size(0), t.detach(), t.cpu(), net(t).size()  # an argument: its type is out of sight


count = x.size  # the element count, read as the attribute it is
shape0 = x.shape[0]
on_cpu = x.to("CPU")  # a MindSpore device name
as_half = x.to(ms.float16)
stopped = ops.stop_gradient(x)
copied = x.copy_(w)  # copy_ writes into x on 2.10.0
x.add_(1.0)  # reported by an opt-in rule only
t = torch.ones(2, 3)
t.add_(1.0)
t_rows = t.size(0)
t_host = t.detach().cpu().numpy()
t_gpu = t.to("cuda")
a = np.ones((2, 3))
a_rows = a.size
if hasattr(x, "detach"):
    probed = x.detach()
try:
    probed = x.cpu()
except AttributeError:
    probed = x
sized = [v.size(0) for v in [t, t]]  # a comprehension's name


def either(flag):
    value = torch.ones(2) if flag else Tensor(np.ones(2))
    return value.size(0)


class TorchHead(torch.nn.Module):
    def forward(self, x):
        return x.size(0)
