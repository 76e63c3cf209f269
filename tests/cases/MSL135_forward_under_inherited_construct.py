"""MSL135: forward under a base's construct that never calls it."""
import mindspore
from mindspore import nn

from .base import ProjectBase


class Backbone(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(4, 4)

    def construct(self, x):
        return self.fc(x)


class Head(Backbone):
    def forward(self, x):  # MSL135: 4
        return self.fc(x) * 2


class Deeper(Head):
    def forward(self, x):  # MSL135: 4
        return x


class Middle(Backbone):
    def helper(self, x):
        return x


class ThroughMiddle(Middle):
    def forward(self, x):  # MSL135: 4
        return self.helper(x)


class Abstract(mindspore.nn.Cell):
    def construct(self, *inputs):
        raise NotImplementedError


class Concrete(Abstract):
    def forward(self, x):  # MSL135: 4
        return x


class Aliased(nn.Cell):
    def forward(self, x):
        return x

    construct = forward


class AliasedChild(Aliased):
    def forward(self, x):  # MSL135: 4
        return x * 2


# look-alikes
class Both(Backbone):
    def forward(self, x):
        return x

    def construct(self, x):
        return self.fc(x)


class Plain(nn.Cell):
    def forward(self, x):  # MSL131: 4
        return x


class FromDense(nn.Dense):
    def forward(self, x):
        return x


class OutOfSight(ProjectBase):
    def forward(self, x):
        return x


class PortedFunction(Backbone):
    @staticmethod
    def forward(ctx, x):
        return x


class NotCell:
    def construct(self, x):
        return x


class NotCellChild(NotCell):
    def forward(self, x):
        return x
