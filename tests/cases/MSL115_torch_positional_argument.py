"""MSL115: more positional arguments than the MindSpore signature takes (PyTorch's `inplace`, mostly)."""
import mindspore as ms
from mindspore import mint, nn, ops
from mindspore.common.initializer import Uniform
from mindspore.experimental import optim


class Block(nn.Cell):
    def __init__(self, cin, cout, params, inplace, *rest):
        super().__init__()
        self.act = nn.ReLU(True)  # MSL115: 27
        self.leaky = nn.LeakyReLU(0.2, True)  # MSL115: 39
        self.leaky_flag = nn.LeakyReLU(0.1, inplace)  # MSL115: 44
        self.six = nn.ReLU6(inplace=True)  # MSL112: 28
        self.elu = nn.ELU(1.0, True)  # MSL115: 31
        self.clip = nn.Hardtanh(0.0, 6.0, True)  # MSL115: 42
        self.silu = nn.SiLU(True)  # MSL115: 28
        self.drop = nn.Dropout2d(0.1, False)  # MSL115: 38
        self.fc = nn.Dense(cin, cout, None, None, True, None, ms.float32, 1)  # MSL115: 74
        self.sigmoid = nn.Sigmoid(cin)  # MSL115: 34
        self.mean = ops.ReduceMean(True, 1)  # MSL115: 41
        self.sgd = nn.SGD(params, 0.1, 0.9, 0.0, 0.0, False, 1.0, None)  # MSL115: 66
        self.init = Uniform(0.0, 1.0)  # MSL115: 33
        self.extra = nn.ReLU(True, *rest)  # MSL115: 29
        # look-alikes: signatures that take the arguments, or hide them
        self.k1 = nn.LeakyReLU(0.2)
        self.k2 = nn.ReLU()
        self.k3 = nn.Hardtanh(0.0, 6.0)
        self.k4 = nn.Dense(cin, cout, None, None, True)
        self.k5 = nn.SequentialCell(nn.ReLU(), nn.Dense(cin, cout), nn.Sigmoid())
        self.k6 = nn.Identity(1, 2, 3)
        self.k7 = nn.ReLU(*rest)
        self.k8 = nn.LeakyReLU(0.2, *rest)
        self.k9 = mint.nn.Hardtanh(0.0, 6.0, True)
        self.k10 = mint.nn.SiLU(True)
        self.k11 = mint.nn.Dropout2d(0.1, False)
        self.k12 = optim.Adam(params, 1e-3, (0.9, 0.999), 1e-8, 0.0, False)
        self.k13 = Scaled(2.0, True)
        self.k14 = Passing(0.2, True)
        self.k15 = nn.Momentum(params, 0.1, 0.9, 0.0, 1.0, False)


class Scaled(nn.LeakyReLU):
    """A subclass with its own signature."""

    def __init__(self, scale, inplace):
        super().__init__(0.2)
        self.scale = scale


class Passing(nn.LeakyReLU):
    """A subclass that takes and forwards anything."""

    def __init__(self, *args):
        super().__init__(args[0])
