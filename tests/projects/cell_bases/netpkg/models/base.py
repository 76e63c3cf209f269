"""Base classes that the heads in other modules derive from."""
import mindspore.nn as nn

__all__ = ["PreTrainedModel", "ConstructBase", "CompatModel", "Config", "HubBase"]


class PreTrainedModel(nn.Cell):
    def __init__(self, config=None):
        super().__init__()
        self.config = config

    def init_weights(self):
        return self.config


class ConstructBase(nn.Cell):
    def construct(self, x):
        return x


class CompatModel(PreTrainedModel):
    def modules(self):
        return self.cells()


class Config:
    def forward(self, x):
        return x


class HubBase(nn.Cell):
    def construct(self, *args, **kwargs):
        return self.forward(*args, **kwargs)

    def forward(self, *args, **kwargs):
        raise NotImplementedError


class Hidden(nn.Cell):
    pass
