"""MSL112 under mindnlp 0.3.x, which patches nn.LayerNorm to take `eps=`."""
import mindnlp  # noqa: F401
from mindspore import nn


class Norm(nn.Cell):
    def __init__(self, hidden):
        super().__init__()
        self.norm = nn.LayerNorm((hidden,), eps=1e-12)
        self.fc = nn.Dense(hidden, hidden, bias=False)  # MSL112
