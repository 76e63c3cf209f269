"""MSL301 follows the trained network through its classes: it reports a network that holds a layer
whose behaviour depends on the training mode, or anything out of sight, and not one whose whole
contents are in sight and behave the same in both modes."""
import mindspore as ms
from mindspore import nn, ops

from models import make_backbone


class Block(nn.Cell):
    def __init__(self, cin, cout, drop):
        super().__init__()
        self.fc = nn.Dense(cin, cout)
        self.drop = nn.Dropout(p=drop)

    def construct(self, x):
        return self.drop(self.fc(x))


class Deep(nn.Cell):
    """The Dropout is two classes down, in a list filled by a loop."""

    def __init__(self, widths):
        super().__init__()
        blocks = []
        for cin, cout in zip(widths, widths[1:]):
            blocks.append(Block(cin, cout, 0.1))
        self.blocks = nn.CellList(blocks)

    def construct(self, x):
        for block in self.blocks:
            x = block(x)
        return x


class ReadsMode(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(4, 4)

    def construct(self, x):
        return ops.dropout(self.fc(x), p=0.1, training=self.training)


class Wrapped(nn.Cell):
    """What it holds comes from a factory out of sight."""

    def __init__(self):
        super().__init__()
        self.backbone = make_backbone()
        self.head = nn.Dense(8, 2)

    def construct(self, x):
        return self.head(self.backbone(x))


class Given(nn.Cell):
    def __init__(self, body):
        super().__init__()
        self.body = body

    def construct(self, x):
        return self.body(x)


def batchnorm(features):
    return nn.BatchNorm2d(features)


class Appended(nn.Cell):
    """The BatchNorm comes from a helper, appended to an empty SequentialCell."""

    def __init__(self):
        super().__init__()
        self.body = nn.SequentialCell()
        self.body.append(nn.Conv2d(3, 8, 3))
        self.body.append(batchnorm(8))

    def construct(self, x):
        return self.body(x)


def appended_batchnorm(data):
    net = Appended()
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)  # MSL301: 14
    net.set_train()
    optimizer(grad_fn(data)[1])


def deep_dropout(data):
    net = Deep([4, 8, 8])
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)  # MSL301: 14
    net.set_train()
    optimizer(grad_fn(data)[1])


def functional_dropout(data):
    net = ReadsMode()
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)  # MSL301: 14
    net.set_train()
    optimizer(grad_fn(data)[1])


def factory_inside(data):
    net = Wrapped()
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)  # MSL301: 14
    net.set_train()
    optimizer(grad_fn(data)[1])


def batchnorm_given(data):
    net = Given(nn.SequentialCell([nn.Dense(4, 4), nn.BatchNorm1d(4)]))
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)  # MSL301: 14
    net.set_train()
    optimizer(grad_fn(data)[1])


def unknown_argument(data, body):
    net = Given(body)
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)  # MSL301: 14
    net.set_train()
    optimizer(grad_fn(data)[1])


# look-alikes: networks whose every layer behaves the same in training and inference mode
class Generator(nn.Cell):
    def __init__(self, latent_dim, img_shape):
        super().__init__()
        self.img_shape = img_shape
        layers = [nn.Dense(latent_dim, 128), nn.LeakyReLU(0.2)]
        for width in (256, 512):
            layers.append(nn.Dense(128, width))
            layers.append(nn.LeakyReLU(0.2))
        self.model = nn.SequentialCell(*layers)

    def construct(self, z):
        return self.model(z).view(z.shape[0], *self.img_shape)


class Discriminator(nn.Cell):
    def __init__(self, channels=3):
        super().__init__()
        self.body = nn.SequentialCell(
            [nn.Conv2d(channels, 64, 4, 2, pad_mode="pad", padding=1), nn.InstanceNorm2d(64), nn.LeakyReLU(0.2)]
        )
        self.head = self._head(64)

    def _head(self, width):
        return nn.SequentialCell([nn.Flatten(), nn.Dense(width, 1), nn.Sigmoid()])

    def construct(self, x):
        return self.head(self.body(x))


def train_gan(data, z):
    generator = Generator(100, (1, 28, 28))
    discriminator = Discriminator()
    opt_g = nn.Adam(generator.trainable_params(), learning_rate=2e-4)
    opt_d = nn.Adam(discriminator.trainable_params(), learning_rate=2e-4)
    grad_g = ms.value_and_grad(lambda z: discriminator(generator(z)).mean(), None, opt_g.parameters)
    grad_d = ms.value_and_grad(lambda x: discriminator(x).mean(), None, opt_d.parameters)
    opt_g(grad_g(z)[1])
    opt_d(grad_d(data)[1])


def plain_network(data, label):
    net = nn.SequentialCell([nn.Dense(4, 8), nn.ReLU(), nn.Dense(8, 2)])
    loss_net = nn.WithLossCell(net, nn.SoftmaxCrossEntropyWithLogits(sparse=True))
    optimizer = nn.Momentum(net.trainable_params(), 0.1, 0.9)
    train_step = nn.TrainOneStepCell(loss_net, optimizer)
    train_step(data, label)


def given_dense(data):
    net = Given(nn.Dense(4, 4))
    optimizer = nn.Adam(net.trainable_params())
    grad_fn = ms.value_and_grad(net, None, optimizer.parameters)
    optimizer(grad_fn(data)[1])
