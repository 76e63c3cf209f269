"""The bundled example: as ported it fails on MindSpore; with ms-lint's own fixes it trains like the original."""
from pathlib import Path

import numpy as np
import pytest
from conftest import findings, run

from ms_lint.fixes import fix_source

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "ported_resnet.py").read_text(encoding="utf-8")
STEP = """
import numpy as np
batch = (ms.Tensor(np.random.rand(4, 3, 8, 8).astype(np.float32)), ms.Tensor(np.array([0, 1, 2, 3], np.int32)))
train([batch])
"""


def test_the_port_as_written_fails_at_construction():
    with pytest.raises((TypeError, ValueError)):
        run(EXAMPLE)


def test_the_fixed_port_trains_with_dropout_on():
    assert len(findings(EXAMPLE)) >= 10
    result = fix_source(EXAMPLE, findings(EXAMPLE), findings, unsafe=True)
    assert result.error is None and findings(result.source) == []
    namespace = run(result.source + STEP)
    net, ms = namespace["net"], namespace["ms"]
    assert net.training and net.block.drop.training  # set_train() reached the network
    assert net.pool(ms.Tensor(np.ones((1, 16, 8, 8), np.float32))).shape == (1, 16, 4, 4)  # as torch's MaxPool2d(2)
