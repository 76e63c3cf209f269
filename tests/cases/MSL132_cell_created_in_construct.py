"""MSL132: a layer with parameters created inside construct."""
import torch
from mindspore import mint, nn, ops


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(8, 8)
        self.act = nn.ReLU()
        self.lazy = None

    def construct(self, x):
        x = nn.Dense(8, 8)(x)  # MSL132: 12
        norm = nn.LayerNorm((8,))  # MSL132: 15
        x = norm(x)
        x = nn.BatchNorm1d(8)(x)  # MSL132: 12
        # look-alikes: parameter-free cells, layers built once
        x = nn.ReLU()(x)
        x = nn.Softmax(axis=-1)(x)
        x = nn.Flatten()(x)
        x = nn.MaxPool1d(2, 2)(x)
        x = mint.nn.ReLU()(x)
        loss = nn.MSELoss()(x, x)
        if self.lazy is None:
            self.lazy = nn.Dense(8, 8)
        x = self.fc(x)
        return x + loss


class Builder(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(8, 8)

    def make(self):
        return nn.Dense(8, 8)


class TorchNet(torch.nn.Module):
    def forward(self, x):
        return torch.nn.Linear(8, 8)(x)


class NotACell:
    def construct(self, x):
        return nn.Dense(8, 8)(x)


def functional(x):
    return ops.relu(nn.Dense(8, 8)(x))
