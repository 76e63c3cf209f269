"""MSL114: momentum assigned to a MindSpore BatchNorm after construction is ignored."""
import torch
from mindspore import mint, nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.bn = nn.BatchNorm2d(16)
        self.bn.momentum = 0.03  # MSL114: 8
        # look-alikes
        self.norm = mint.nn.BatchNorm2d(16)
        self.norm.momentum = 0.03
        self.fc = nn.Dense(4, 4)
        self.fc.momentum = 0.1
        print(self.bn.momentum)

    def initialize(self):
        for _, m in self.cells_and_names():
            if isinstance(m, nn.Conv2d):
                pass
            elif isinstance(m, (nn.BatchNorm2d, nn.SyncBatchNorm)):
                m.eps = 1e-3
                m.momentum = 0.03  # MSL114: 16
            elif isinstance(m, (nn.BatchNorm2d, nn.Dense)):
                m.momentum = 0.03


def build():
    bn = nn.BatchNorm1d(8, momentum=0.9)
    bn.momentum = 0.1  # MSL114: 4
    bn.momentum += 0.01  # MSL114: 4
    # look-alikes
    tbn = torch.nn.BatchNorm2d(8)
    tbn.momentum = 0.1
    momentum = bn.momentum
    return bn, tbn, momentum


# look-alikes
def adjust(opt, m):
    opt.momentum = 0.5
    m.momentum = 0.5
