"""MSL301: the MindSpore quickstart with `model.set_train()` dropped from `train`; `test` still sets False."""
import mindspore
from mindspore import nn
from mindspore.dataset import MnistDataset


def datapipe(dataset, batch_size):
    return dataset.batch(batch_size)


train_dataset = datapipe(MnistDataset('MNIST_Data/train'), 64)
test_dataset = datapipe(MnistDataset('MNIST_Data/test'), 64)


class Network(nn.Cell):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.dense_relu_sequential = nn.SequentialCell(
            nn.Dense(28*28, 512), nn.ReLU(), nn.Dropout(p=0.2), nn.Dense(512, 10))

    def construct(self, x):
        return self.dense_relu_sequential(self.flatten(x))


model = Network()
loss_fn = nn.CrossEntropyLoss()
optimizer = nn.SGD(model.trainable_params(), 1e-2)


def forward_fn(data, label):
    logits = model(data)
    loss = loss_fn(logits, label)
    return loss, logits


grad_fn = mindspore.value_and_grad(forward_fn, None, optimizer.parameters, has_aux=True)  # MSL301: 10
model.set_train()


def train_step(data, label):
    (loss, _), grads = grad_fn(data, label)
    optimizer(grads)
    return loss


def train(model, dataset):
    size = dataset.get_dataset_size()
    for batch, (data, label) in enumerate(dataset.create_tuple_iterator()):
        loss = train_step(data, label)


def test(model, dataset, loss_fn):
    num_batches = dataset.get_dataset_size()
    model.set_train(False)
    total, test_loss, correct = 0, 0, 0
    for data, label in dataset.create_tuple_iterator():
        pred = model(data)
        total += len(data)
        test_loss += loss_fn(pred, label).asnumpy()
        correct += (pred.argmax(1) == label).asnumpy().sum()


epochs = 3
for t in range(epochs):
    train(model, train_dataset)
    test(model, test_dataset, loss_fn)  # MSL303: 4; the next epoch trains in inference mode
    model.set_train()

# look-alikes: a second network put in training mode before its gradient function is built
tuned = Network()
tuned.set_train()
tuned_grad_fn = mindspore.value_and_grad(tuned, None, tuned.trainable_params())
