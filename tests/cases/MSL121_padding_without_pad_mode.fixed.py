"""MSL121: padding (or a MaxPool's ceil_mode / dilation) while pad_mode is not 'pad'."""
import mindspore.nn as nn
import torch
from mindspore import mint, ops

PAD = 1
NO_PAD = 0


class Stem(nn.Cell):
    def __init__(self, cin, cout, padding, kernel=3):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, padding=1, pad_mode='pad')  # MSL121: 17
        self.b = nn.Conv2d(cin, cout, 3, stride=2, padding=PAD, has_bias=False, pad_mode='pad')  # MSL121: 17
        self.c = nn.Conv2d(cin, cout, 3, pad_mode='pad', padding=(1, 1, 1, 1))  # MSL121: 17
        self.d = nn.Conv1d(cin, cout, 5, pad_mode='pad', padding=2)  # MSL121: 17
        self.e = nn.Conv2dTranspose(cin, cout, 4, 2, padding=1, pad_mode='pad')  # MSL121: 17
        self.f = nn.MaxPool2d(3, 2, padding=1, pad_mode='pad')  # MSL121: 17
        self.g = nn.MaxPool2d(2, 2, ceil_mode=True, pad_mode='pad')  # MSL121: 17
        self.h = nn.MaxPool1d(3, 1, dilation=2, pad_mode='pad')  # MSL121: 17
        self.i = nn.AvgPool2d(3, 2, padding=1, pad_mode='pad')  # MSL121: 17
        self.j = ops.Conv2D(cout, 3, pad=1, pad_mode='pad')  # MSL121: 17
        self.k = nn.Conv2d(cin, cout, kernel, padding=kernel // 2, pad_mode='pad')  # MSL121: 17
        self.m = nn.Conv3d(  # MSL121: 17
            cin, cout, 3,
            padding=1, pad_mode='pad',
        )
        # look-alikes
        self.k1 = nn.Conv2d(cin, cout, 3, pad_mode="pad", padding=1)
        self.k2 = nn.Conv2d(cin, cout, 3, 1, "pad", 1)
        self.k3 = nn.Conv2d(cin, cout, 3, padding=0)
        self.k4 = nn.Conv2d(cin, cout, 3, padding=NO_PAD)
        self.k5 = nn.Conv2d(cin, cout, 3, padding=(0, 0, 0, 0))
        self.k6 = nn.Conv2d(cin, cout, 3, padding=padding)
        self.k7 = nn.MaxPool2d(3, 2, pad_mode="pad", padding=1, ceil_mode=True)
        self.k8 = nn.MaxPool2d(2, 2, ceil_mode=False)
        self.k8b = nn.MaxPool3d(2, 2, ceil_mode=None, return_indices=False, dilation=1)
        self.k9 = nn.AvgPool2d(2, 2, ceil_mode=True)
        self.k10 = nn.Conv2d(cin, cout, 3, dilation=2)
        self.k11 = mint.nn.Conv2d(cin, cout, 3, padding=1)
        self.k12 = mint.nn.MaxPool2d(2, 2, ceil_mode=True)
        self.k13 = torch.nn.Conv2d(cin, cout, 3, padding=1)
        self.k14 = ops.Conv2D(cout, 3, pad_mode="pad", pad=1)
        self.k15 = nn.Conv2d(cin, cout, 3, pad_mode=mode_of(cin), padding=1)
        self.k16 = nn.Conv2d(cin, cout, 3, padding=(padding, padding))


def mode_of(channels):
    return "pad" if channels else "same"
