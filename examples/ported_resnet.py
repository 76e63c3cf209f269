"""A small ResNet block ported from PyTorch to MindSpore, with the traps a line-by-line port leaves.

Run `ms-lint examples/ported_resnet.py` to see them.
"""
import mindspore.nn as nn
from mindspore import ops

BN_MOMENTUM = 0.1  # PyTorch's default, copied with the model


class BasicBlock(nn.Cell):
    def __init__(self, in_channels, channels, stride=1, drop_rate=0.2):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, channels, 3, stride=stride, pad_mode="pad", padding=1)
        self.bn1 = nn.BatchNorm2d(channels, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(channels, channels, 3, pad_mode="pad", padding=1)
        self.bn2 = nn.BatchNorm2d(channels, momentum=0.1)
        self.drop = nn.Dropout(drop_rate)

    def construct(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.drop(self.bn2(self.conv2(out)))
        return self.relu(out + x)


class Head(nn.Cell):
    def __init__(self, channels, num_classes, dropout=0.5):
        super().__init__()
        self.pool = ops.ReduceMean(keep_dims=False)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Dense(channels, num_classes)

    def construct(self, x):
        return self.fc(self.drop(self.pool(x, (2, 3))))
