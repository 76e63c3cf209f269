"""MSL131: a Cell subclass with forward and no construct."""
import mindspore
import torch
from mindspore import nn

from .base import ProjectBase


class Head(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(4, 2)

    def forward(self, x):  # MSL131: 4
        return self.fc(x)


class Base(mindspore.nn.Cell):
    def helper(self, x):
        return x


class Child(Base):
    def forward(self, x):  # MSL131: 4
        return self.helper(x)


# look-alikes
class Both(nn.Cell):
    def forward(self, x):
        return x

    def construct(self, x):
        return x


class WithConstructBase(nn.Cell):
    def construct(self, x):
        return x


class FromProjectBase(WithConstructBase):
    def forward(self, x):  # MSL135: 4
        return x


class Aliased(nn.Cell):
    def forward(self, x):
        return x

    construct = forward


class FromDense(nn.Dense):
    def forward(self, x):
        return x


class OutOfSight(nn.Cell, ProjectBase):
    def forward(self, x):
        return x


class PortedFunction(nn.Cell):
    @staticmethod
    def forward(ctx, x):
        return x


class TorchModule(torch.nn.Module):
    def forward(self, x):
        return x
