# ms-lint-case: extend-select=MSL124,MSL125
"""MSL125 (opt-in): a Conv relying on MindSpore's default has_bias=False."""
import mindspore.nn as nn
import torch
from mindspore import mint


class Net(nn.Cell):
    def __init__(self, cin, cout, bias):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 1, has_bias=True)  # MSL125: 17
        self.b = nn.Conv3d(cin, cout, 3, pad_mode="valid", has_bias=True)  # MSL125: 17
        self.c = nn.Conv1dTranspose(cin, cout, 1, pad_mode="pad", has_bias=True)  # MSL125: 17
        # look-alikes
        self.k1 = nn.Conv2d(cin, cout, 1, has_bias=True)
        self.k2 = nn.Conv2d(cin, cout, 1, has_bias=False)
        self.k3 = nn.Conv2d(cin, cout, 1, has_bias=bias)
        self.k4 = nn.Conv2d(cin, cout, 1, 1, "same", 0, 1, 1, True)
        self.k5 = nn.Dense(cin, cout)
        self.k6 = mint.nn.Conv2d(cin, cout, 1)
        self.k7 = torch.nn.Conv2d(cin, cout, 1)
        self.k8 = nn.Conv2d(cin, cout, 1, **{"has_bias": True})
