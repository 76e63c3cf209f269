"""MSL302: a custom training loop with TrainOneStepCell and WithEvalCell (the set_train on the
training wrapper reaches the network inside the evaluation wrapper)."""
import mindspore.nn as nn

from lenet import LeNet5


def without_reset(ds_train, ds_eval):
    net = LeNet5()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = nn.Momentum(net.trainable_params(), 0.01, 0.9)
    train_net = nn.TrainOneStepCell(nn.WithLossCell(net, loss), opt)
    eval_net = nn.WithEvalCell(net, loss)
    metric = nn.Accuracy()
    for _ in range(10):
        train_net.set_train()
        for d in ds_train.create_dict_iterator():
            train_net(d["image"], d["label"])
        metric.clear()
        eval_net.set_train(False)
        for d in ds_eval.create_dict_iterator():
            outputs = eval_net(d["image"], d["label"])  # MSL302: 22
            metric.update(outputs[1], outputs[2])
            loss(outputs[1], d["label"])
        eval_net.set_train()


# look-alikes

def with_reset(ds_train, ds_eval):
    net = LeNet5()
    loss = nn.SoftmaxCrossEntropyWithLogits(sparse=True, reduction="mean")
    opt = nn.Momentum(net.trainable_params(), 0.01, 0.9)
    train_net = nn.TrainOneStepCell(nn.WithLossCell(net, loss), opt)
    eval_net = nn.WithEvalCell(net, loss)
    metric = nn.Accuracy()
    for _ in range(10):
        train_net.set_train()
        for d in ds_train.create_dict_iterator():
            train_net(d["image"], d["label"])
        eval_net.set_train(False)
        metric.clear()
        for d in ds_eval.create_dict_iterator():
            outputs = eval_net(d["image"], d["label"])
            metric.update(outputs[1], outputs[2])
