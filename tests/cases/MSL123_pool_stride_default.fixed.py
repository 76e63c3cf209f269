# ms-lint-case: extend-select=MSL123
"""MSL123: a pool given a kernel and no stride (MindSpore's stride defaults to 1)."""
import mindspore.nn as nn
import torch
from mindspore import mint
from mindspore.nn import AvgPool1d


class Head(nn.Cell):
    def __init__(self, pool_size, hidden_dim, x):
        super().__init__()
        self.a = nn.MaxPool2d(2, stride=2)  # MSL123: 17
        self.b = nn.MaxPool2d(kernel_size=2, stride=2)  # MSL123: 17
        self.c = nn.AvgPool2d((2, 2), stride=(2, 2))  # MSL123: 17
        self.d = AvgPool1d(pool_size, stride=pool_size)  # MSL123: 17
        self.e = nn.MaxPool3d(kernel_size=2, pad_mode="valid", stride=2)  # MSL123: 17
        self.f = nn.MaxPool2d(hidden_dim, pad_mode="pad", ceil_mode=True, stride=hidden_dim)  # MSL123: 17
        # look-alikes
        self.k1 = nn.MaxPool2d(2, 2)
        self.k2 = nn.MaxPool2d(kernel_size=2, stride=2)
        self.k3 = nn.MaxPool2d(kernel_size=5, pad_mode="same")
        self.k4 = nn.MaxPool2d(1)
        self.k5 = nn.MaxPool2d()
        self.k6 = nn.AvgPool2d(kernel_size=x.shape[2:])
        self.k7 = mint.nn.MaxPool2d(2)
        self.k8 = torch.nn.MaxPool2d(2)
        self.k9 = nn.MaxPool2d(3, 1)
        self.k10 = nn.AvgPool2d(2, stride=1)
