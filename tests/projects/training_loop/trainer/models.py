"""The project's networks: Cells through MindSpore's classes, and one that trains itself."""
from mindspore import nn


class Encoder(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(8, 8)

    def construct(self, x):
        return self.fc(x)


class SelfTraining(nn.Cell):
    """Defines step(), backward() and eval() of its own."""

    def construct(self, x):
        return x

    def step(self):
        return None

    def backward(self):
        return None

    def eval(self):
        return None


class Generator(nn.Cell):
    """Only layers the training mode does not change."""

    def __init__(self, latent_dim, width=128):
        super().__init__()
        self.body = nn.SequentialCell([nn.Dense(latent_dim, width), nn.LeakyReLU(0.2), nn.Dense(width, 8)])

    def construct(self, z):
        return self.body(z)


class Classifier(Encoder):
    """Dropout, below a base class of its own."""

    def __init__(self):
        super().__init__()
        self.drop = nn.Dropout(p=0.5)

    def construct(self, x):
        return self.drop(self.fc(x))
