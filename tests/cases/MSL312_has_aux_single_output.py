import mindspore
from mindspore import nn, ops
from mindspore import grad as ms_grad

loss_fn = nn.CrossEntropyLoss()


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(4, 2)
        self.loss = nn.MSELoss()
        self.head = Head()

    def construct(self, x, y):
        return self.loss(self.dense(x), y)

    def forward_fn(self, x, y):
        loss = self.loss(self.dense(x), y)
        return loss

    def step(self):
        return mindspore.value_and_grad(self.forward_fn, None, self.trainable_params(), has_aux=True)  # MSL312: 15

    def head_loss(self, x):
        return self.head(x)

    def clean_step(self):
        return mindspore.value_and_grad(self.head_loss, None, self.trainable_params(), has_aux=True)


class Head(nn.Cell):
    def construct(self, x):
        return x


def train(model, optimizer):
    def forward_fn(x, y):
        logits = model(x)
        loss = loss_fn(logits, y)
        return loss

    def forward_1tuple(x, y):
        return (loss_fn(model(x), y),)

    def reduced(x):
        return ops.mean(model(x)) * 0.5

    grad_fn = mindspore.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)  # MSL312: 14
    grad_1tuple = ops.value_and_grad(forward_1tuple, None, optimizer.parameters, has_aux=True)  # MSL312: 18
    grad_reduced = ms_grad(reduced, 0, None, True)  # MSL312: 19
    return grad_fn, grad_1tuple, grad_reduced


net = Net()
net.set_train()
cell_grad = ops.grad(net, has_aux=True, grad_position=0)  # MSL312: 12
lambda_grad = mindspore.grad(lambda x: (x ** 2).sum(), has_aux=True)  # MSL312: 14


# look-alikes: nothing below is reported.

def two_outputs(x, y):
    logits = x * y
    return loss_fn(logits, y), logits


def model_output(model, x):
    outputs = model(x)
    return outputs


def first_of(model, x):
    outputs = model(x)
    return outputs[0]


def attribute_of(model, x):
    return model(x).loss


def concatenated(model, x):
    head = model(x)
    tail = model(x)
    return head + tail


def repeated(model, x):
    out = model(x)
    return out * 2


def accumulated(model, x):
    loss = loss_fn(model(x), x)
    loss += 1
    return loss


aux_pair = mindspore.grad(two_outputs, has_aux=True)
aux_outputs = mindspore.grad(model_output, has_aux=True)
aux_first = mindspore.grad(first_of, has_aux=True)
aux_attribute = mindspore.grad(attribute_of, has_aux=True)
aux_concatenated = mindspore.grad(concatenated, has_aux=True)
aux_repeated = mindspore.grad(repeated, has_aux=True)
aux_accumulated = mindspore.grad(accumulated, has_aux=True)
no_aux = mindspore.grad(model_output)
