# ms-lint-case: target-version=2.10
"""MSL128 at 2.10: Dense and Conv default to PyTorch's initialisation; Embedding still draws N(0, 0.01)."""
import mindspore.nn as nn


class Net(nn.Cell):
    def __init__(self, cin, cout):
        super().__init__()
        self.emb = nn.Embedding(100, cout)  # MSL128: 19; not fixable: the file cannot name Normal
        # look-alikes: 2.10's None defaults are HeUniform(math.sqrt(5)) and Uniform(1 / math.sqrt(fan_in))
        self.fc = nn.Dense(cin, cout)
        self.conv = nn.Conv2d(cin, cout, 3, pad_mode="pad", padding=1, has_bias=True)
        self.up = nn.Conv3dTranspose(cin, cout, 2, 2)

    def construct(self, x):
        return self.forward(x)

    def forward(self, x):  # the PyTorch original's method, kept
        return self.fc(self.emb(x))
