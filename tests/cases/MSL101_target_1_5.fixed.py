# ms-lint-case: target-version=1.5
"""MSL101 on MindSpore 1.5, whose nn.Dropout takes keep_prob only: the fix is `keep_prob=1 - x`."""
from mindspore import nn


class Head(nn.Cell):
    def __init__(self, drop_rate=0.2):
        super().__init__()
        self.drop = nn.Dropout(1 - drop_rate)  # MSL101: 20
        self.kw = nn.Dropout(keep_prob=0.9)  # MSL101: 18
        # look-alikes
        self.keep = nn.Dropout(1 - drop_rate)
        self.kept = nn.Dropout(keep_prob=0.9)
