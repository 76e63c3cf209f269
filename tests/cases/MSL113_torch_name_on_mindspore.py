"""MSL113: PyTorch names looked up on MindSpore modules that lack them."""
from __future__ import annotations

import mindspore
import mindspore as ms
import torch
from mindspore import mint, nn, ops
from mindspore.nn import ModuleList  # MSL113: 0
from mindspore.nn import SequentialCell


class Block(nn.Module):  # MSL113: 12
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Dense(2, 2))  # MSL113: 22
        self.heads = ModuleList([])
        self.table = mindspore.nn.ModuleDict({})  # MSL113: 21
        self.scale = nn.Parameter(ms.Tensor(1.0))  # MSL113: 21

    def construct(self, x):
        x = nn.functional.relu(x)  # MSL113: 12
        x = nn.functional.scaled_dot_product_attention(x, x, x)  # MSL113: 12; reported, but no rename to ops
        return ops.concat([x, x])


def pt_port(x):
    return mint.nonexistent_name(x), mint.no_grad()  # MSL113: 37


def recurrent(size):
    return mint.nn.LSTM(size, size)  # MSL113: 11; mint.nn has no recurrent layers; named: nn.LSTM


# look-alikes
def fine(x, model: nn.Module):
    fc = nn.Linear(2, 2)
    seq = nn.SequentialCell([fc])
    also = SequentialCell([fc])
    cells = nn.CellList([fc])
    y = ops.cat([x, x])
    z = mint.nn.Linear(2, 2)
    r = nn.LSTM(2, 2)
    t = torch.nn.Sequential(torch.nn.Linear(2, 2))
    local: nn.ModuleList = None
    if hasattr(nn, "Sequential"):
        seq = nn.Sequential(fc)
    try:
        f = nn.functional
    except AttributeError:
        f = ops
    seq.my_attribute = 1
    return seq, also, cells, y, z, t, local, f, nn.Sequential if hasattr(nn, "Sequential") else None
