# ms-lint-case: extend-select=MSL127
"""MSL127 (opt-in): an explicit pad_mode='same' whose odd total puts the extra pixel right/bottom."""
import mindspore.nn as nn
import torch
from mindspore import mint, ops


class Net(nn.Cell):
    def __init__(self, cin, cout, stride=(2, 1)):
        super().__init__()
        self.a = nn.MaxPool2d(kernel_size=3, stride=2, pad_mode='pad', padding=1)  # MSL127: 17
        self.b = nn.AvgPool2d(3, 2, 'pad', padding=1)  # MSL127: 17
        self.c = nn.MaxPool2d(kernel_size=[3, 5], stride=stride, pad_mode="same")  # MSL127: 17
        self.d = ops.MaxPool(2, 1, "same")  # MSL127: 17
        self.e = ops.MaxPool(kernel_size=3, strides=2, pad_mode="SAME")  # MSL127: 17
        self.f = ops.Conv2D(cout, 3, pad_mode='pad', stride=2, pad=1)  # MSL127: 17
        self.g = nn.Conv2d(cin, cout, 3, 2, pad_mode='pad', padding=1)  # MSL127: 17
        self.h = nn.Conv2d(cin, cout, 3, 2, 'pad', padding=1)  # MSL127: 17
        # look-alikes
        self.k1 = nn.MaxPool2d(kernel_size=2, stride=2, pad_mode="same")
        self.k2 = nn.MaxPool2d(kernel_size=(2, 1), stride=(2, 1), pad_mode="same")
        self.k3 = nn.MaxPool2d(kernel_size=5, stride=1, pad_mode="same")
        self.k4 = nn.MaxPool2d(kernel_size=3, stride=2, pad_mode="pad", padding=1)
        self.k5 = ops.MaxPool(2, 2, "same")
        self.k6 = mint.nn.MaxPool2d(3, 2, padding=1)
        self.k7 = torch.nn.MaxPool2d(3, 2, padding=1)
        self.k8 = nn.Conv2d(cin, cout, 3, 1, pad_mode="same")
        self.k9 = nn.Conv2d(cin, cout, 3, 2, padding=1, pad_mode='pad')  # MSL122: 18
