# ms-lint-case: extend-select=MSL124,MSL125
"""MSL125 under mindnlp 0.3.x, whose nn.Conv1d has a bias by default."""
import mindnlp  # noqa: F401
from mindspore import nn


class Net(nn.Cell):
    def __init__(self, channels):
        super().__init__()
        self.conv2d = nn.Conv2d(channels, channels, 1)  # MSL125: 22
        # look-alikes
        self.conv1d = nn.Conv1d(channels, channels, 1)
