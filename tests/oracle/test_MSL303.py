"""MSL303: an evaluation helper inside the training loop calls set_train(False) and nothing puts the
network back: from the next step on it trains in inference mode (Dropout does nothing, BatchNorm
normalises with its moving statistics and stops updating them); ms-lint's `net.set_train()` after
the helper call makes every step train in training mode."""
import numpy as np
from conftest import codes, fixed, run

TRAP = """
import numpy as np
import mindspore as ms
from mindspore import nn


class Net(nn.Cell):
    def __init__(self):
        super().__init__()
        self.dense = nn.Dense(64, 64)
        self.bn = nn.BatchNorm1d(64)
        self.drop = nn.Dropout(p=0.5)

    def construct(self, x):
        return self.drop(self.bn(self.dense(x)))


def evaluate(net, x):
    net.set_train(False)
    return net(x).asnumpy()


def forward(x):
    out = net(x)
    return (out * out).mean(), out


net = Net()
optimizer = nn.SGD(net.trainable_params(), learning_rate=0.01)
grad_fn = ms.value_and_grad(forward, None, optimizer.parameters, has_aux=True)
x = ms.Tensor(np.random.default_rng(0).normal(size=(32, 64)).astype(np.float32))
net.set_train()
step_outputs, inference_outputs, moving_means = [], [], []
for epoch in range(3):
    (loss, out), grads = grad_fn(x)
    optimizer(grads)
    step_outputs.append(out.asnumpy())
    moving_means.append(net.bn.moving_mean.asnumpy().copy())
    inference = evaluate(net, x)
    inference_outputs.append(inference)
"""


def test_trap_trains_in_inference_mode_after_the_helper_and_is_reported():
    assert "MSL303" in codes(TRAP)
    result = run(TRAP)
    steps, inference, means = result["step_outputs"], result["inference_outputs"], result["moving_means"]
    # the first step, before any evaluation, trains in training mode: Dropout zeroes about half
    assert (steps[0] == 0).mean() > 0.3
    assert not np.allclose(steps[0], inference[0], atol=1e-5)
    # the next steps run in inference mode: exactly the inference outputs of the weights they start
    # from (the helper's output just before), nothing dropped, moving statistics frozen
    for epoch in (1, 2):
        assert (steps[epoch] == 0).mean() < 0.05
        np.testing.assert_allclose(steps[epoch], inference[epoch - 1], rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(means[0], means[1])
    np.testing.assert_array_equal(means[1], means[2])
    assert not np.array_equal(means[0], np.zeros_like(means[0]))


def test_fix_trains_every_step_in_training_mode():
    repaired = fixed(TRAP, "MSL303")
    assert "    inference = evaluate(net, x)\n    net.set_train()\n" in repaired
    assert "MSL303" not in codes(repaired)
    result = run(repaired)
    steps, inference, means = result["step_outputs"], result["inference_outputs"], result["moving_means"]
    for epoch in (1, 2):
        assert (steps[epoch] == 0).mean() > 0.3
        assert not np.allclose(steps[epoch], inference[epoch - 1], atol=1e-5)
    assert not np.allclose(means[1], means[2])
