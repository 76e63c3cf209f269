"""Heads whose Cell base class is defined in another module, or in an installed package."""
from fakehub import HubModel, PushToHubMixin
from mindspore import nn, ops
from netpkg.models.base import PreTrainedModel

from .. import PreTrainedModel as Reexported
from . import base
from .base import CompatModel, Config, ConstructBase, Hidden, HubBase
from .broken import Broken
from .cycle_a import Looped
from .cycle_c import Again
from .missing import Missing
from .mixins import SaveMixin


class MyHead(PreTrainedModel):
    def forward(self, x):  # MSL131: 4
        for cell in self.modules():  # MSL133: 20
            x = cell(x)
        return ops.relu(x)


class ViaModule(base.PreTrainedModel):
    def forward(self, x):  # MSL131: 4
        return x


class ViaPackage(Reexported):
    def forward(self, x):  # MSL131: 4
        return x


class EmptyBase(Hidden):
    def forward(self, x):  # MSL131: 4
        return x


class HubHead(HubModel):
    def forward(self, x):  # MSL131: 4
        self.requires_grad_(False)  # MSL133: 8
        return x


class Mixed(nn.Cell, PushToHubMixin, SaveMixin):
    def forward(self, x):  # MSL131: 4
        return x


class Wrapped(ConstructBase):
    def forward(self, x):  # MSL135: 4
        return x


class WrappedTwice(Wrapped):
    def forward(self, x):  # MSL135: 4
        return x


# look-alikes: the imported base defines construct (or the torch method), or is no Cell, or is not
# known, or its construct calls self.forward
class OnHub(HubBase):
    def forward(self, x):
        return x


class Compatible(CompatModel):
    def construct(self, x):
        return [cell(x) for cell in self.modules()]


class NotCell(Config):
    def forward(self, x):
        return self.modules()


class FromBroken(Broken):
    def forward(self, x):
        return x


class FromCycle(Looped):
    def forward(self, x):
        return x


class FromReexportCycle(Again):
    def forward(self, x):
        return x


class FromMissing(Missing):
    def forward(self, x):
        return x
