# ms-lint-case: target-version=1.8
"""MSL128: layers left to MindSpore 1.x's initializer defaults in code ported from PyTorch."""
import math

import mindspore.nn as nn
from mindspore.common.initializer import HeUniform, Normal, Uniform


class Net(nn.Cell):
    def __init__(self, cin, cout, bias):
        super().__init__()
        self.fc = nn.Dense(cin, cout)  # MSL128: 18
        self.fc2 = nn.Dense(cin, cout, weight_init=HeUniform(math.sqrt(5)))  # MSL128: 19
        self.conv = nn.Conv2d(cin, cout, 3, has_bias=True)  # MSL128: 20
        self.conv_nb = nn.Conv2d(cin, cout, (3, 1))  # MSL128: 23
        self.up = nn.Conv2dTranspose(cin, cout, 2, 2, has_bias=True, group=2)  # MSL128: 18
        self.emb = nn.Embedding(100, cout)  # MSL128: 19
        self.grouped = nn.Conv1d(cin, cout, 3, has_bias=True, group=bias)  # MSL128: 23
        # look-alikes: initializers given, no bias, kwargs that may hold them
        self.k1 = nn.Dense(cin, cout, weight_init=HeUniform(math.sqrt(5)), bias_init=Uniform(1 / math.sqrt(cin)))
        self.k2 = nn.Dense(cin, cout, "normal", "zeros")
        self.k3 = nn.Dense(cin, cout, weight_init="normal", has_bias=False)
        self.k4 = nn.Conv2d(cin, cout, 3, weight_init=HeUniform(math.sqrt(5)), has_bias=bias)
        self.k5 = nn.Embedding(100, cout, embedding_table=Normal(1.0))
        self.k6 = nn.Dense(cin, cout, **{"weight_init": "normal"})

    def construct(self, x):
        return self.forward(x)

    def forward(self, x):  # the PyTorch original's method, kept
        return self.fc(x)
