"""A small ResNet ported line by line from PyTorch to MindSpore, with the traps such a port leaves.

Run `ms-lint examples/ported_resnet.py` to see them, `ms-lint --diff --unsafe-fixes` for the fixes.
`--extend-select MSL123` also reports the stride-less `nn.MaxPool2d(2)`, which moves by 1 here and
by 2 in PyTorch (off by default: most stride-less pools in published MindSpore code are right).
"""
import mindspore as ms
import mindspore.nn as nn
from mindspore import ops

BN_MOMENTUM = 0.1  # PyTorch's default, copied with the model


class BasicBlock(nn.Cell):
    def __init__(self, channels, drop_rate=0.2):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels, momentum=BN_MOMENTUM)
        self.relu = nn.ReLU()
        self.conv2 = nn.Conv2d(channels, channels, 3, pad_mode="pad", padding=1)
        self.bn2 = nn.BatchNorm2d(channels, momentum=0.1)
        self.drop = nn.Dropout(drop_rate)

    def construct(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.drop(self.bn2(self.conv2(out)))
        return self.relu(out + x)


class ResNet(nn.Cell):
    def __init__(self, num_classes=10, dropout=0.5):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, pad_mode="pad", padding=1)
        self.pool = nn.MaxPool2d(2)
        self.block = BasicBlock(16)
        self.mean = ops.ReduceMean(keep_dims=False)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Dense(16, num_classes)

    def forward(self, x):
        x = self.block(self.pool(self.stem(x)))
        return self.fc(self.drop(self.mean(x, (2, 3))))


net = ResNet()
loss_fn = nn.CrossEntropyLoss()
optimizer = nn.Momentum(net.trainable_params(), learning_rate=0.1, momentum=0.9)


def forward_fn(data, label):
    logits = net(data)
    return loss_fn(logits, label), logits


grad_fn = ms.value_and_grad(forward_fn, None, optimizer.parameters)


def train(dataset):
    for data, label in dataset:
        optimizer.zero_grad()
        (loss, _), grads = grad_fn(data, label)
        optimizer(grads)
