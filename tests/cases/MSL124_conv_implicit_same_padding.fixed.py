# ms-lint-case: extend-select=MSL124,MSL125
"""MSL124 (opt-in): a Conv with kernel > 1 relying on MindSpore's default pad_mode='same'."""
import mindspore.nn as nn
import torch
from mindspore import mint


class Net(nn.Cell):
    def __init__(self, cin, cout):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, has_bias=True, pad_mode='valid')  # MSL124: 17
        self.b = nn.Conv1d(cin, cout, kernel_size=5, padding=0, has_bias=True, pad_mode='valid')  # MSL124: 17
        self.c = nn.Conv2dTranspose(cin, cout, 4, 2, has_bias=True, pad_mode='valid')  # MSL124: 17
        # look-alikes
        self.k1 = nn.Conv2d(cin, cout, 3, pad_mode="same", has_bias=True)
        self.k2 = nn.Conv2d(cin, cout, 1, has_bias=True)
        self.k3 = nn.Conv2d(cin, cout, 3, pad_mode="pad", padding=1, has_bias=True)
        self.k4 = nn.Conv2d(cin, cout, 3, 1, "valid", has_bias=True)
        self.k5 = mint.nn.Conv2d(cin, cout, 3)
        self.k6 = torch.nn.Conv2d(cin, cout, 3)
        self.k7 = nn.Conv2d(cin, cout, 3, 2, has_bias=True, padding=1, pad_mode='pad')  # MSL122: 18
        self.k8 = nn.Conv2d(cin, cout, kernel_size=4, stride=4, has_bias=True)
        self.k9 = nn.Conv2dTranspose(cin, cout, kernel_size=2, stride=2, has_bias=True)
        self.k10 = nn.Conv2d(cin, cout, 3, stride=unknown(), has_bias=True)


def unknown():
    return 1
