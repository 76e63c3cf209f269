"""MSL129 under mindnlp 0.3.x, whose injection.py replaces nn.Conv1d with its own class: its
strings are not the measured ones, so it is silent there and reports the classes left alone."""
import mindnlp  # noqa: F401
from mindspore import nn


class Block(nn.Cell):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv2 = nn.Conv2d(cin, cout, 3, pad_mode="valid")  # MSL129: 54
        # look-alikes
        self.conv1 = nn.Conv1d(cin, cout, 3, pad_mode="vaild")
