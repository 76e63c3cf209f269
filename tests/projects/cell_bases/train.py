"""A script beside the package: its imports are looked for in its own directory and in src/."""
import mindspore
from netpkg.models.head import MyHead
from srcpkg.layers import SrcBase


class Finetuned(MyHead):
    def forward(self, x):  # MSL131: 4
        return mindspore.ops.relu(x)


class FromSrc(SrcBase):
    def forward(self, x):  # MSL131: 4
        return x


# look-alikes
class Stacked(MyHead):
    def construct(self, x):
        return x
