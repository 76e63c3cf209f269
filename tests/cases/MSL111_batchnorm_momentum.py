"""MSL111: PyTorch's BatchNorm momentum given to MindSpore, which reads its complement."""
import mindspore.nn as nn
import torch
from mindspore import mint
from mindspore.nn import BatchNorm1d, SyncBatchNorm

BN_MOMENTUM = 0.1
MS_MOMENTUM = 0.9


class Net(nn.Cell):
    def __init__(self, channels, momentum=0.1, bn_momentum=None):
        super().__init__()
        self.a = nn.BatchNorm2d(channels, momentum=0.1)  # MSL111: 17
        self.b = nn.BatchNorm2d(channels, momentum=BN_MOMENTUM)  # MSL111: 17
        self.c = BatchNorm1d(channels, 1e-5, 0.01)  # MSL111: 17
        self.d = nn.BatchNorm3d(channels, momentum=momentum)  # MSL111: 17
        self.e = SyncBatchNorm(channels, momentum=1 - 0.9)  # MSL111: 17
        # look-alikes
        self.k1 = nn.BatchNorm2d(channels, momentum=0.9)
        self.k2 = mint.nn.BatchNorm2d(channels, momentum=0.1)
        self.k3 = torch.nn.BatchNorm2d(channels, momentum=0.1)
        self.k4 = nn.BatchNorm2d(channels, momentum=MS_MOMENTUM)
        self.k5 = nn.BatchNorm2d(channels, momentum=1 - BN_MOMENTUM)
        self.k6 = nn.BatchNorm2d(channels, momentum=bn_momentum)
        self.k7 = nn.BatchNorm2d(channels)
        self.k8 = nn.BatchNorm2d(channels, 0.1)
        self.k9 = nn.LayerNorm((channels,), epsilon=0.1)


def reassigned(channels):
    m = 0.1
    m = 0.9
    return nn.BatchNorm2d(channels, momentum=m)
