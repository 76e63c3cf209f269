# ms-lint-case: target-version=2.4
import numpy as np
import torch
import mindspore as ms
from mindspore import Parameter, Tensor, nn
from mindspore import ops as P

AXIS = 1


class Attention(nn.Cell):
    def __init__(self, dim):
        super().__init__()
        self.qkv = nn.Dense(dim, dim * 3)  # MSL128: 19
        self.proj = nn.Dense(dim, dim)  # MSL128: 20
        self.pos = Parameter(Tensor(np.zeros((1, 16, dim), np.float32)))

    def construct(self, x):
        q, k, v = P.split(self.qkv(x), 3, -1)
        attn = P.matmul(q, k.transpose(-1, -2))  # MSL401: 27
        out = P.matmul(attn, v)
        out = out.transpose(AXIS, 2)  # MSL401: 14
        pos = self.pos.transpose(0, 1)  # MSL401: 14
        x = self.proj(x)
        x = x.reshape(2, 8, -1).transpose(1, 2)  # MSL401: 12
        return out, pos, x


table = Tensor(np.ones((2, 3), np.float32)).transpose(0, 1)  # MSL401: 8
summed = (ms.ops.ones((2, 3)) + 1).transpose(1, 0)  # MSL401: 9


# look-alikes: nothing below is reported.

class Plain(nn.Cell):
    def construct(self, x, perm):
        y = x.transpose(1, 2)  # an argument: its type is out of sight
        z = P.relu(x).transpose(0, 2, 1)  # a permutation of three axes
        w = P.relu(x).transpose((1, 0))  # a permutation given as a tuple
        u = P.relu(x).transpose(perm[0], perm[1])  # axes out of sight
        return y, z, w, u


numpy_array = np.ones((2, 3)).transpose(1, 0)
torch_tensor = torch.ones(2, 3).transpose(0, 1)
from_asnumpy = Tensor(np.ones((2, 3))).asnumpy().transpose(1, 0)
swapped = P.swapaxes(Tensor(np.ones((2, 3))), 0, 1)
permuted = P.transpose(Tensor(np.ones((2, 3))), (1, 0))
rows = [t.transpose(0, 1) for t in numpy_array]


def either(flag):
    if flag:
        value = np.ones((2, 3))
    else:
        value = P.ones((2, 3))
    return value.transpose(1, 0)


def rebound(data):
    data = P.relu(data)
    data = data.asnumpy()
    return data.transpose(1, 0)


def numpy_in_the_other_branch(flag, data):
    if flag:
        value = data.asnumpy()
    else:
        value = P.ones((2, 3))
    return value.transpose(1, 0)


def converted_only_sometimes(mask):
    if mask is not None:
        mask = P.cast(mask, ms.float32)
    return mask.transpose(1, 2)

