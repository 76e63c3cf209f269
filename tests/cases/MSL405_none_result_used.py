"""MSL405: MindSpore functions and methods that return None (measured by calling them on 2.10.0),
their result bound to a name that is read afterwards."""
import mindspore
import mindspore as ms
from mindspore import context, nn
from mindspore.train import Model


def train(net, loss, opt, data, epochs):
    model = Model(net, loss, opt)
    history = model.train(epochs, data)  # MSL405: 14
    print(history)
    saved = ms.save_checkpoint(net, "net.ckpt")  # MSL405: 12
    return saved


generator = mindspore.set_seed(0)  # MSL405: 12; torch.manual_seed returns a Generator
state = generator.get_state()
config = context.set_context(mode=context.GRAPH_MODE)  # MSL405: 9
if config:
    pass


# look-alikes: called as a statement, the name never read or bound again before the read, a function
# or method that returns something
def look_alikes(net, loss, opt, data):
    ms.save_checkpoint(net, "net.ckpt")
    model = Model(net, loss, opt)
    model.train(1, data)
    unused = ms.set_seed(1)
    result = ms.export(net, data, file_name="net")
    result = model.eval(data)
    params = ms.load_param_into_net(net, ms.load_checkpoint("net.ckpt"))
    return result, params


def other_model(model, data):
    history = model.train(1, data)
    return history


class Trainer:
    def train(self, epochs):
        return epochs


def my_trainer():
    trainer = Trainer()
    history = trainer.train(3)
    return history
