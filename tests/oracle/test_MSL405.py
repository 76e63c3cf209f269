"""MSL405: save_checkpoint, set_seed, set_context, export and Model.train return None on MindSpore
2.10.0, so a name bound to their result holds None (where torch.manual_seed, which set_seed replaces,
returns a Generator); there is no fix, the call belongs in a statement of its own."""
import numpy as np
import pytest
from conftest import codes, findings, run

SEED = """
import mindspore as ms

generator = ms.set_seed(0)
seeded_with = generator
"""


def test_set_seed_returns_none_unlike_torch_manual_seed():
    torch = pytest.importorskip("torch")
    assert codes(SEED) == {"MSL405"}
    assert all(f.fix is None for f in findings(SEED))
    assert run(SEED)["seeded_with"] is None
    assert isinstance(torch.manual_seed(0), torch.Generator)


TRAINED = """
import os
import tempfile

import numpy as np
import mindspore as ms
import mindspore.dataset as ds
from mindspore import nn
from mindspore.train import Model

net = nn.Dense(2, 1)
data = ds.NumpySlicesDataset(
    {"x": np.ones((4, 2), np.float32), "y": np.ones((4, 1), np.float32)}, shuffle=False
).batch(2)
model = Model(net, nn.MSELoss(), nn.SGD(net.trainable_params(), 0.1))
history = model.train(1, data)
trained = history
folder = tempfile.mkdtemp()
saved = ms.save_checkpoint(net, os.path.join(folder, "net.ckpt"))
written = saved
"""


def test_model_train_and_save_checkpoint_return_none():
    assert codes(TRAINED) == {"MSL405"}
    assert len([f for f in findings(TRAINED) if f.code == "MSL405"]) == 2
    namespace = run(TRAINED)
    assert namespace["trained"] is None and namespace["written"] is None
    assert np.isfinite(namespace["net"].weight.asnumpy()).all()  # the calls themselves did their work


def test_as_statements_nothing_is_reported():
    statements = TRAINED.replace("history = model.train", "model.train").replace("trained = history\n", "")
    statements = statements.replace("saved = ms.save_checkpoint", "ms.save_checkpoint").replace("written = saved\n", "")
    assert "MSL405" not in codes(statements)
    run(statements)
