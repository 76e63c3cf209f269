"""The project's networks: Cells through MindSpore's classes, and one that trains itself."""
from mindspore import nn


class Encoder(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(8, 8)

    def construct(self, x):
        return self.fc(x)


class SelfTraining(nn.Cell):
    """Defines step() and backward() of its own."""

    def construct(self, x):
        return x

    def step(self):
        return None

    def backward(self):
        return None
