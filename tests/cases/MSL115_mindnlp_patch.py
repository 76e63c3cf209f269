"""MSL115 under mindnlp 0.3.x, whose injection.py replaces nn.Dense with a shorter signature
(in_channels, out_channels, has_bias, dtype)."""
import mindnlp  # noqa: F401
import mindspore as ms
from mindspore import nn


class Head(nn.Cell):
    def __init__(self, hidden):
        super().__init__()
        self.fc = nn.Dense(hidden, hidden, None, None, True)  # MSL115: 55
        # look-alikes
        self.plain = nn.Dense(hidden, hidden, True, ms.float16)
        self.act = nn.LeakyReLU(0.2)
