"""MSL126: PyTorch's positional padding where MindSpore reads pad_mode."""
import mindspore.nn as nn
import torch
from mindspore import mint

PAD = 1
MODE = "pad"


class Net(nn.Cell):
    def __init__(self, cin, cout, kernel_size, stride, padding, pad_mode):
        super().__init__()
        self.a = nn.Conv2d(cin, cout, 3, 1, 1)  # MSL126: 44
        self.b = nn.Conv2d(cin, cout, 3, 1, 0, has_bias=True)  # MSL126: 44
        self.c = nn.Conv2d(cin, cout, 3, 2, PAD, 1, cout)  # MSL126: 44
        self.d = nn.Conv2d(cin, cout, kernel_size, stride, padding, has_bias=False)  # MSL126: 59
        self.e = nn.Conv1d(cin, cout, 3, 1, [1, 1])  # MSL126: 44
        self.f = nn.Conv2d(cin, cout, 3, 1, kernel_size // 2)  # MSL126: 44
        self.g = nn.MaxPool2d(3, 2, 1)  # MSL126: 36
        # look-alikes
        self.k1 = nn.Conv2d(cin, cout, 3, 1, "pad", 1)
        self.k2 = nn.Conv2d(cin, cout, 3, 1, "same")
        self.k3 = nn.Conv2d(cin, cout, 3, 1, MODE, PAD)
        self.k4 = nn.Conv2d(cin, cout, 3, 1, pad_mode)
        self.k5 = nn.Conv2d(cin, cout, 3, 1, pad_mode="pad", padding=1)
        self.k6 = mint.nn.Conv2d(cin, cout, 3, 1, 1)
        self.k7 = torch.nn.Conv2d(cin, cout, 3, 1, 1)
        self.k8 = nn.MaxPool2d(3, 2, "same")
