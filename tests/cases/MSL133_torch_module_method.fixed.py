"""MSL133: nn.Module-only methods called on a MindSpore Cell."""
import mindspore as ms
from mindspore import nn
from mindspore.train import Model


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(4, 2)
        self.body = nn.SequentialCell([nn.Dense(4, 4)])
        self.insert_child_to_cell("extra", nn.ReLU())  # MSL133: 8

    def freeze(self):
        for p in self.trainable_params():  # MSL133: 17
            p.requires_grad = False
        self.fc.requires_grad_(False)  # MSL133: 8
        return list(self.body.parameters_and_names())  # MSL133: 20

    def construct(self, x):
        return self.fc(x)


def train(dataset):
    net = Net()
    net.set_train()  # MSL133: 4
    net.cuda()  # MSL133: 4
    moved = net  # MSL133: 12
    gpu_net = net  # MSL133: 14
    head = nn.Dense(4, 2)
    head.to("cuda:0")  # MSL133: 4
    net.set_train(False)  # MSL133: 4
    for cell in (cell for _, cell in net.cells_and_names()):  # MSL133: 16
        print(cell)
    model = Model(net, nn.MSELoss(), nn.Momentum(net.trainable_params(), 0.1, 0.9))
    # look-alikes
    model.train(2, dataset)
    model.eval(dataset)
    compat = Compat()
    compat.parameters()
    seq = nn.SequentialCell([nn.Dense(4, 4)])
    seq.set_train(True)
    seq.to("CPU")
    seq.to(ms.float16)
    seq.to(dataset.device)
    return seq.trainable_params(), moved, head, gpu_net


def evaluate(network, data):
    network.set_train(False)
    network.zero_grad()  # MSL133: 4
    # look-alikes
    if hasattr(network, "zero_grad"):
        network.zero_grad()
    return network(data)


def annotated(network: nn.Cell, dense: nn.Dense, model: Model, opt: nn.Optimizer):
    network.set_train(False)  # MSL133: 4
    dense.set_train(False)  # MSL133: 4
    # look-alikes
    model.eval()
    opt.zero_grad()
    return network


def torch_style_optimizers_are_left_to_msl231(net):
    from mindspore.experimental import optim

    exp_opt = optim.Adam(net.trainable_params(), lr=0.1)


# An attribute assigned on `self` in a method shadows the Module method's name: `self.half(x)` calls
# the Split below, on the class, its in-file subclasses, and instances built from it.
class Halves(nn.Cell):
    def __init__(self):
        super().__init__()
        self.half = ms.ops.Split(axis=-1, output_num=2)
        self.dense = nn.Dense(4, 4)

    def construct(self, x):
        self.dense.half()  # MSL133: 8
        # look-alikes
        first, second = self.half(x)
        return first * second


class HalvesChild(Halves):
    def construct(self, x):
        # look-alikes
        return self.half(x)[0]


class HalvesUser(nn.Cell):
    def __init__(self):
        super().__init__()
        self.sub = Halves()

    def construct(self, x):
        # look-alikes
        return self.sub.half(x)


def halves(x, given: Halves):
    net = Halves()
    # look-alikes
    return net.half(x), given.half(x)


def build_head():
    return nn.Dense(4, 2)


def build_either(flag):
    if flag:
        return nn.Dense(4, 2)
    return load_model()


def factories():
    head = build_head()
    head.set_train(False)  # MSL133: 4
    either = build_either(True)
    either.eval()


def load_model():
    return ms.load_checkpoint("model.ckpt")


# look-alikes: project classes with a method of a torch name, objects of unknown type; `either`
# above, which a factory builds in one branch only
class Compat(nn.Cell):
    def parameters(self):
        return self.trainable_params()

    def construct(self, x):
        return x


class CompatChild(Compat):
    def freeze(self):
        return self.parameters()


def unknown(thing):
    thing.eval()
    thing.parameters()
    return ms.Tensor(thing.cpu())


class Converted(nn.Cell):
    """A lambda's own parameter is not the method's `self`."""

    def half_all(self):
        return self.apply(lambda t: t.half())

    def construct(self, x):
        return x


class NotACell:
    def half(self):
        return self._apply(lambda t: t.half())
