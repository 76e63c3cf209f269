"""MSL122: a Conv's default 'same' padding whose odd total puts the extra pixel right/bottom."""
import mindspore.nn as nn
import torch
from mindspore import mint, ops

KERNEL = 3
STRIDE = 2


class Net(nn.Cell):
    def __init__(self, cin, cout, kernel_size=3, stride=2):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, 2)  # MSL122: 17
        self.b = nn.Conv2d(cin, cout, kernel_size=3, stride=2, has_bias=True)  # MSL122: 17
        self.c = nn.Conv2d(cin, cout, 2)  # MSL122: 17
        self.d = nn.Conv2d(cin, cout, (3, 3), (2, 2))  # MSL122: 17
        self.e = nn.Conv2d(cin, cout, KERNEL, STRIDE)  # MSL122: 17
        self.f = nn.Conv2d(cin, cout, kernel_size, stride)  # MSL122: 17
        self.g = nn.Conv1d(cin, cout, 5, 2)  # MSL122: 17
        self.h = nn.Conv3d(cin, cout, 4)  # MSL122: 17
        self.p = nn.Conv2dTranspose(cin, cout, 3, 2)  # MSL122: 17
        self.q = nn.Conv2d(cin, cout, (3, 2), dilation=1)  # MSL122: 17
        self.r = nn.Conv2d(  # MSL122: 17
            cin, cout,
            kernel_size=5, stride=2,
        )
        # look-alikes
        self.k1 = nn.Conv2d(cin, cout, 1, 2)
        self.k2 = nn.Conv2d(cin, cout, 3)
        self.k3 = nn.Conv2d(cin, cout, 3, 2, pad_mode="pad", padding=1)
        self.k4 = nn.Conv2d(cin, cout, 3, 2, pad_mode="valid")
        self.k5 = nn.Conv2d(cin, cout, 4, 4)
        self.k6 = nn.Conv2d(cin, cout, kernel_size=16, stride=16)
        self.k7 = nn.MaxPool2d(kernel_size=3, stride=2, pad_mode="same")
        self.k8 = nn.Conv2d(cin, cout, 3, 2, pad_mode="same")
        self.k9 = ops.MaxPool(3, 2, "same")
        self.k10 = nn.MaxPool2d(3, 2)
        self.k11 = nn.Conv2d(cin, cout, 4, 2)
        self.k12 = nn.Conv2dTranspose(cin, cout, 4, 2)
        self.k13 = nn.Conv2dTranspose(cin, cout, 2, 2)
        self.k14 = mint.nn.Conv2d(cin, cout, 3, 2)
        self.k15 = torch.nn.Conv2d(cin, cout, 3, 2)
        self.k16 = ops.Conv2D(cout, 3, stride=2)
        self.k17 = nn.Conv2d(cin, cout, 3, stride=unknown_stride())
        self.k18 = nn.Conv2d(cin, cout, 3, 2, pad_mode=unknown_mode())
        self.k19 = nn.Conv2d(cin, cout, 3, 2, padding=1)  # MSL121: 19
        self.k20 = nn.Conv2d(cin, cout, 3, dilation=2)
        self.k21 = nn.Conv2d(cin, cout, 2, dilation=2)


def unknown_stride():
    return 2


def unknown_mode():
    return "same"
