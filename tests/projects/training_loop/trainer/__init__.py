"""Re-exports MindSpore's optimizers."""
from mindspore.nn.optim import *  # noqa: F403
