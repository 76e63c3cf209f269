"""MSL134: Cells kept in a plain list, tuple or dict on a Cell are not registered."""
import copy

import mindspore as ms
from mindspore import nn


class Attention(nn.Cell):
    def __init__(self, dim):
        super().__init__()
        self.qkv = nn.Dense(dim, dim * 3)

    def construct(self, x):
        return self.qkv(x)


class Heads(nn.Cell):
    def __init__(self, dim, n):
        super().__init__()
        self.heads = [Attention(dim) for _ in range(n)]  # MSL134: 21

    def construct(self, x):
        return [head(x) for head in self.heads]


class Appended(nn.Cell):
    def __init__(self, dim, depth):
        super().__init__()
        self.blocks = []  # MSL134: 22
        for _ in range(depth):
            self.blocks.append(nn.Dense(dim, dim))

    def construct(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class Named(nn.Cell):
    def __init__(self, dim):
        super().__init__()
        self.layers = {"query": nn.Dense(dim, dim), "value": nn.Dense(dim, dim)}  # MSL134: 22

    def construct(self, x):
        return self.layers["query"](x) + self.layers["value"](x)


class Paired(nn.Cell):
    def __init__(self, dim):
        super().__init__()
        self.pair = (nn.Dense(dim, dim), nn.BatchNorm1d(dim))  # MSL134: 20

    def construct(self, x):
        return self.pair[1](self.pair[0](x))


class FromLocal(nn.Cell):
    def __init__(self, dim, depth):
        super().__init__()
        stages = []
        for _ in range(depth):
            stage = nn.SequentialCell(nn.Dense(dim, dim), nn.ReLU())
            stages.append(stage)
        self.stages = stages  # MSL134: 22

    def construct(self, x):
        for stage in self.stages:
            x = stage(x)
        return x


class Extended(ms.nn.Cell):
    def __init__(self, dim):
        super().__init__()
        self.convs = list()  # MSL134: 21
        self.convs += [nn.Conv2d(dim, dim, 3), nn.Conv2d(dim, dim, 3)]

    def construct(self, x):
        return self.convs[1](self.convs[0](x))


class KeyedLater(nn.Cell):
    def __init__(self, dim, names):
        super().__init__()
        self.by_name = {}  # MSL134: 23
        for name in names:
            self.by_name[name] = nn.Dense(dim, dim)

    def construct(self, x):
        return [cell(x) for cell in self.by_name.values()]


class DictOfLists(nn.Cell):
    """A CellDict takes no CellList (TypeError): no fix, the message says what to do instead."""

    def __init__(self, dim, names):
        super().__init__()
        self.per_name = {name: nn.CellList([nn.Dense(dim, dim)]) for name in names}  # MSL134: 24

    def construct(self, x, name):
        return self.per_name[name][0](x)


class Subclassed(Heads):
    def __init__(self, dim, n):
        super().__init__(dim, n)
        self.extra = [nn.Embedding(10, dim)]  # MSL134: 21

    def construct(self, x):
        return self.extra[0](x)


# look-alikes
class Registered(nn.Cell):
    def __init__(self, dim, depth):
        super().__init__()
        self.blocks = nn.CellList([nn.Dense(dim, dim) for _ in range(depth)])
        self.named = nn.CellDict({"a": nn.Dense(dim, dim)})
        layers = [nn.Dense(dim, dim) for _ in range(depth)]
        self.body = nn.SequentialCell(*layers)
        self.head = nn.SequentialCell([nn.Dense(dim, dim)])

    def construct(self, x):
        return self.head(self.body(x))


class WrappedLater(nn.Cell):
    def __init__(self, dim, depth):
        super().__init__()
        self.blocks = []
        for _ in range(depth):
            self.blocks.append(nn.Dense(dim, dim))
        self.blocks = nn.CellList(self.blocks)
        self.stages = [nn.Dense(dim, dim), nn.Dense(dim, dim)]
        self.body = nn.SequentialCell(self.stages)

    def construct(self, x):
        return self.body(x)


class NotLayers(nn.Cell):
    def __init__(self, dim):
        super().__init__()
        self.sizes = [dim, dim * 2, dim * 4]
        self.weights = [ms.Parameter(ms.Tensor([1.0]), name="w%d" % i) for i in range(2)]
        self.scales = (ms.Tensor([1.0]), ms.Tensor([2.0]))
        self.acts = [nn.ReLU(), nn.GELU()]
        self.proj = nn.Dense(dim, dim)
        self.norm = nn.LayerNorm((dim,))
        self.order = [self.proj, self.norm]
        self.clones = [copy.deepcopy(self.proj) for _ in range(2)]
        self.schedules = [nn.CosineDecayLR(0.0, 0.1, 10)]

    def construct(self, x):
        for cell in self.order:
            x = cell(x)
        return x


class ByHand(nn.Cell):
    def __init__(self, dim, depth):
        super().__init__()
        self.blocks = [nn.Dense(dim, dim) for _ in range(depth)]
        for index, block in enumerate(self.blocks):
            self.insert_child_to_cell("block%d" % index, block)

    def construct(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class BySetattr(nn.Cell):
    def __init__(self, dim, depth):
        super().__init__()
        self.blocks = []
        for index in range(depth):
            block = nn.Dense(dim, dim)
            setattr(self, "block%d" % index, block)
            self.blocks.append(block)

    def construct(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class Stored(nn.Cell):
    def __init__(self, dim):
        super().__init__()
        first = nn.Dense(dim, dim)
        self.first = first
        self.chain = [first]

    def construct(self, x):
        return self.chain[0](x)


class Resample(nn.Cell):
    def __init__(self, rate):
        super().__init__()
        self.rate = rate
        self.cast = ms.ops.Cast()

    def construct(self, x):
        return x * self.rate


class Stateless(nn.Cell):
    def __init__(self, rates):
        super().__init__()
        self.resamplers = [Resample(rate) for rate in rates]

    def construct(self, x):
        return [resample(x) for resample in self.resamplers]


class Frozen(nn.Cell):
    def __init__(self, dim, groups, weights):
        super().__init__()
        self.convs = []
        for index in range(groups):
            self.convs.append(nn.Conv2dTranspose(dim, dim, 3, weight_init=weights[index]))
            self.convs[index].weight.requires_grad = False

    def construct(self, x):
        return [conv(x) for conv in self.convs]


class NotACell:
    def __init__(self, dim):
        self.layers = [nn.Dense(dim, dim)]


def build(dim, depth):
    layers = [nn.Dense(dim, dim) for _ in range(depth)]
    return nn.SequentialCell(*layers)
