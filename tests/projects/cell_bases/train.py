"""A script beside the package: its imports are looked for in its own directory and in src/."""
import mindspore
from netpkg.models.base import Config
from netpkg.models.head import MyHead
from srcpkg.layers import SrcBase


class Finetuned(MyHead):
    def forward(self, x):  # MSL131: 4
        return mindspore.ops.relu(x)


class FromSrc(SrcBase):
    def forward(self, x):  # MSL131: 4
        return x


class Ensemble(mindspore.nn.Cell):
    def __init__(self):
        super().__init__()
        self.members = [SrcBase() for _ in range(2)]  # MSL134: 23

    def construct(self, x):
        return [member(x) for member in self.members]


# look-alikes
class Configured(mindspore.nn.Cell):
    def __init__(self):
        super().__init__()
        self.configs = [Config() for _ in range(2)]
        self.members = mindspore.nn.CellList([SrcBase() for _ in range(2)])

    def construct(self, x):
        return x


class Stacked(MyHead):
    def construct(self, x):
        return x
