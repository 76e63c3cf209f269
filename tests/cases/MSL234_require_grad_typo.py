from mindspore import Parameter, Tensor, nn

net = nn.Dense(2, 1)
for p in net.trainable_params():
    p.require_grad = False  # MSL234: 4
for name, param in net.parameters_and_names():
    if "bias" in name:
        param.require_grad = False  # MSL234: 8
scale = Parameter(Tensor([1.0]), name="scale")
scale.require_grad = False  # MSL234: 0


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.alpha = Parameter(Tensor([0.5]), name="alpha")
        self.alpha.require_grad = False  # MSL234: 8

    def construct(self, x):
        return x * self.alpha


# look-alikes: the real attribute, a read, and objects of the project's own that define require_grad
for p in net.trainable_params():
    p.requires_grad = False
flags = [p.require_grad for p in net.get_parameters() if hasattr(p, "require_grad")]


class Options:
    def __init__(self):
        self.require_grad = True


options = Options()
options.require_grad = False


def freeze(module):
    module.require_grad = False  # out of sight: any object
