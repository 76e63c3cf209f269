# ms-lint-case: target-version=1.8
"""MSL128 is silent in native MindSpore code: no torch import, no `forward` method."""
import mindspore.nn as nn


class Net(nn.Cell):
    def __init__(self, cin, cout):
        super().__init__()
        # look-alikes: MindSpore's own defaults, chosen by MindSpore authors
        self.fc = nn.Dense(cin, cout)
        self.conv = nn.Conv2d(cin, cout, 3, has_bias=True)
        self.emb = nn.Embedding(100, cout)

    def construct(self, x):
        return self.fc(x)
