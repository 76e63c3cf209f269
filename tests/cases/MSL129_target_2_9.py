# ms-lint-case: target-version=2.9
"""MSL129 only knows the accepted strings of the version they were measured on (2.10.0): at an
older target it is silent."""
from mindspore import nn


class Block(nn.Cell):
    def __init__(self, cin, cout):
        super().__init__()
        # look-alikes: rejected on 2.10.0, unmeasured at 2.9
        self.conv = nn.Conv2d(cin, cout, 3, pad_mode="vaild")
        self.loss = nn.MSELoss(reduction="elementwise_mean")
