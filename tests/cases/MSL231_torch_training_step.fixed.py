"""MSL231: PyTorch's training step on MindSpore objects."""
import mindspore as ms
import torch
from mindspore import mint, nn, ops
from mindspore.experimental import optim
from project.training import StepMixin


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.fc = nn.Dense(2, 1)

    def construct(self, x):
        return self.fc(x)


net = Net()
loss_fn = nn.MSELoss()
optimizer = nn.SGD(net.trainable_params(), learning_rate=0.1)
schedule = nn.CosineDecayLR(0.0, 0.1, 100)
lr_list = nn.cosine_decay_lr(0.0, 0.1, 100, 10, 10)
exp_opt = optim.Adam(net.trainable_params(), lr=0.1)
exp_sched = optim.lr_scheduler.StepLR(exp_opt, step_size=1)


def train(data, label):
    loss = loss_fn(net(data), label)
    loss.backward()  # MSL231: 4
    optimizer.step()  # MSL231: 4
    schedule.step()  # MSL231: 4
    lr_list.step()  # MSL231: 4
    exp_opt.step()  # MSL231: 4
    exp_sched.step()
    total = ops.mean(net(data)) + 1
    total.backward()  # MSL231: 4
    return loss


with torch.no_grad():  # MSL231: 5
    out = net(ms.Tensor([[1.0, 2.0]]))


@torch.no_grad()  # MSL231: 1
def evaluate(data):
    return net(data)


class Trainer:
    def __init__(self):
        self.model = Net()
        self.criterion = nn.CrossEntropyLoss()
        self.opt = nn.Adam(self.model.trainable_params())

    def step(self, x, y):
        loss = self.criterion(self.model(x), y)
        loss.backward()  # MSL231: 8
        self.opt.step()  # MSL231: 8
        return loss


# look-alikes: torch objects in the same file, unknown objects, project step() methods
torch_net = torch.nn.Linear(2, 1)
torch_opt = torch.optim.SGD(torch_net.parameters(), lr=0.1)
torch_sched = torch.optim.lr_scheduler.StepLR(torch_opt, 1)


def torch_train(x):
    torch_opt.zero_grad()
    loss = torch_net(x).sum()
    loss.backward()
    torch_opt.step()
    torch_sched.step()
    with torch.no_grad():
        return torch_net(x)


def generic(opt, loss):
    opt.zero_grad()
    loss.backward()
    opt.step()


class Stepper(nn.Optimizer):
    def __init__(self, params):
        super().__init__(0.1, params)

    def step(self):
        return None

    def zero_grad(self):
        return None


stepper = Stepper(net.trainable_params())
stepper.zero_grad()
stepper.step()


class MixedIn(StepMixin, nn.Optimizer):
    pass


mixed_in = MixedIn(0.1, net.trainable_params())
mixed_in.zero_grad()
mixed_in.step()
mixed = mint.ones(2)
with torch.no_grad():
    converted = torch.tensor(mixed.asnumpy())
    print(net(ms.Tensor([[1.0, 2.0]])))
