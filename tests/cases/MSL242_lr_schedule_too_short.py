"""MSL242: a dynamic learning rate with fewer entries than the steps the training loop takes."""
# ms-lint-case: extend-select=MSL242
import mindspore as ms
from mindspore import nn
from mindspore.experimental import optim

EPOCHS = 10
STEPS_PER_EPOCH = 50
net = nn.Dense(2, 1)
net.set_train()
loss_fn = nn.MSELoss()
grad_fn = ms.value_and_grad(lambda x, y: loss_fn(net(x), y), None, net.trainable_params())
x = y = None

lr = nn.cosine_decay_lr(0.0, 0.1, STEPS_PER_EPOCH, STEPS_PER_EPOCH, 1)
opt = nn.Momentum(net.trainable_params(), learning_rate=lr, momentum=0.9)  # MSL242: 56
for epoch in range(EPOCHS):
    for step in range(STEPS_PER_EPOCH):
        loss, grads = grad_fn(x, y)
        opt(grads)


def train():
    rates = nn.piecewise_constant_lr([100, 200], [0.1, 0.01])
    sgd = nn.SGD(net.trainable_params(), learning_rate=rates)  # MSL242: 55
    for epoch in range(EPOCHS):
        for step in range(STEPS_PER_EPOCH):
            sgd(grad_fn(x, y)[1])


adam = nn.Adam(net.trainable_params(), learning_rate=[1e-3] * 100)  # MSL242: 53
train_net = nn.TrainOneStepCell(nn.WithLossCell(net, loss_fn), adam)
for step in range(1, 3 * STEPS_PER_EPOCH):
    train_net(x, y)

for epoch in range(EPOCHS):
    fresh = nn.SGD(net.trainable_params(), learning_rate=[0.1] * 10)  # MSL242: 57
    for step in range(STEPS_PER_EPOCH):
        fresh(grad_fn(x, y)[1])

# look-alikes: schedules as long as the loop, loops of unknown length, steps that may not run
whole = nn.cosine_decay_lr(0.0, 0.1, EPOCHS * STEPS_PER_EPOCH, STEPS_PER_EPOCH, EPOCHS)
fits = nn.Momentum(net.trainable_params(), learning_rate=whole, momentum=0.9)
for epoch in range(EPOCHS):
    for step in range(STEPS_PER_EPOCH):
        fits(grad_fn(x, y)[1])


def train_on(dataset, steps):
    short = nn.SGD(net.trainable_params(), learning_rate=nn.exponential_decay_lr(0.1, 0.9, 10, 5, 1))
    for epoch in range(EPOCHS):
        for data, label in dataset.create_tuple_iterator():
            short(grad_fn(data, label)[1])
    for step in range(steps):
        short(grad_fn(x, y)[1])


def stops_early():
    rates = [0.1, 0.05, 0.01]
    capped = nn.SGD(net.trainable_params(), learning_rate=rates)
    for step in range(STEPS_PER_EPOCH):
        if step >= len(rates):
            break
        capped(grad_fn(x, y)[1])
    accumulated = nn.SGD(net.trainable_params(), learning_rate=[0.1] * 10)
    for step in range(STEPS_PER_EPOCH):
        if step % 10 == 0:
            accumulated(grad_fn(x, y)[1])


def grows():
    rates = [0.1] * 10
    rates.extend([0.01] * 100)
    longer = nn.SGD(net.trainable_params(), learning_rate=rates)
    for step in range(STEPS_PER_EPOCH):
        longer(grad_fn(x, y)[1])


def schedules_that_do_not_run_out(total):
    clamped = nn.Adam(net.trainable_params(), learning_rate=nn.CosineDecayLR(0.0, 0.1, 10))
    torch_style = optim.SGD(net.trainable_params(), lr=0.1)
    unknown = nn.SGD(net.trainable_params(), learning_rate=nn.cosine_decay_lr(0.0, 0.1, total, 10, 1))
    for step in range(STEPS_PER_EPOCH):
        grads = grad_fn(x, y)[1]
        clamped(grads)
        torch_style(grads)
        unknown(grads)


def groups_and_loss_scale():
    groups = [{"params": net.trainable_params(), "lr": 0.01}]
    grouped = nn.SGD(groups, learning_rate=[0.1] * 10)
    scaled = nn.SGD(net.trainable_params(), learning_rate=[0.1] * 10)
    train_scaled = nn.TrainOneStepWithLossScaleCell(nn.WithLossCell(net, loss_fn), scaled, scale_sense=ms.Tensor(1024.0))
    for step in range(STEPS_PER_EPOCH):
        grouped(grad_fn(x, y)[1])
        train_scaled(x, y)


def fresh_optimizer_each_epoch():
    for epoch in range(EPOCHS):
        per_epoch = nn.SGD(net.trainable_params(), learning_rate=[0.1] * STEPS_PER_EPOCH)
        for step in range(STEPS_PER_EPOCH):
            per_epoch(grad_fn(x, y)[1])
