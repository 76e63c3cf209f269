"""MSL101 on MindSpore 1.10, which has no `p`: the fix is `keep_prob=1 - x`."""
# ms-lint-case: target-version=1.10
import mindspore.nn as nn


class Head(nn.Cell):
    def __init__(self, dropout=0.1):
        super().__init__()
        self.drop = nn.Dropout(dropout)  # MSL101: 20
        self.kw = nn.Dropout(keep_prob=0.1)  # MSL101: 18
        # look-alikes
        self.keep = nn.Dropout(1 - dropout)
