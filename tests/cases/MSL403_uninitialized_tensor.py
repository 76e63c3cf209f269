"""MSL403: an initializer(...) tensor holds no data until `.init_data()`; used in computation it is zeros
in a GRAPH_MODE Cell and a RuntimeError in PyNative."""
import mindspore as ms
from mindspore import Parameter, Tensor, nn, ops
from mindspore.common.initializer import Normal, One, Zero, initializer


class Scale(nn.Cell):
    def __init__(self, size):
        super().__init__()
        self.buf = initializer(One(), (size,), ms.float32)  # MSL403: 19

    def construct(self, a):
        return a * self.buf


class Bias(nn.Cell):
    def __init__(self, size):
        super().__init__()
        self.bias = initializer("zeros", [size], ms.float32)  # MSL403: 20

    def construct(self, x):
        return ops.add(x, self.bias)


class FirstRow(nn.Cell):
    def __init__(self):
        super().__init__()
        self.table = initializer(Normal(0.02), (4, 8))  # MSL403: 21

    def construct(self, x):
        return x + self.table[0]


def module_function(x):
    scale = initializer(0.5, x.shape, x.dtype)  # MSL403: 12
    return x * scale


noise = initializer(Normal(), (2, 3))  # MSL403: 8
total = noise.sum()


# look-alikes: the tensor gets its data (Parameter, init_data, asnumpy), a Tensor init, only its shape
# read, passed on out of sight, or bound more than once
class Buffers(nn.Cell):
    def __init__(self, size, init):
        super().__init__()
        self.kept = Parameter(initializer(One(), (size,), ms.float32), name="kept", requires_grad=False)
        self.ready = initializer(One(), (size,), ms.float32).init_data()
        self.later = initializer(Zero(), (size,), ms.float32)
        self.later.init_data()
        self.wrapped = initializer(One(), (size,))
        self.param = Parameter(self.wrapped, name="param")
        self.given = initializer(Tensor([1.0, 2.0]), (2,))
        self.unknown = initializer(init, (size,))
        self.size_only = initializer(One(), (size,))
        self.rebound = initializer(One(), (size,))

    def construct(self, x):
        self.rebound = x
        y = x * self.kept + self.ready + self.later + self.param + self.given + self.unknown + self.rebound
        return y.reshape(self.size_only.shape)


def handed_on(shape, build):
    weight = initializer(Normal(), shape)
    return build(weight)


def read_through_numpy(shape):
    values = initializer(One(), shape)
    values.asnumpy()
    return values * 2


def returned(shape):
    table = initializer(Normal(), shape)
    return table


def rebound(shape, x):
    table = initializer(Normal(), shape)
    table = Tensor(x)
    return table * 2


class AdaptiveNorm(nn.Cell):
    """Placeholders that other code assigns before the Cell runs (MUNIT's AdaIN): an attribute of
    that name assigned on anything but `self` anywhere in the file silences the rule."""

    def __init__(self):
        super().__init__()
        self.gamma = initializer(Normal(0.2), (256,))
        self.beta = initializer(Normal(0.02), (256,))

    def construct(self, x):
        return ops.batch_norm(x, x, x, self.gamma, self.beta)


def assign_adain_params(net, params):
    for _, cell in net.cells_and_names():
        if isinstance(cell, AdaptiveNorm):
            cell.gamma = params[0]
            cell.beta = params[1]
