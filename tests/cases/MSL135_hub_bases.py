"""MSL135: a base whose construct runs self.forward runs the subclass's forward; no rename where the file calls .forward."""
from mindspore import nn


class Backbone(nn.Cell):
    def construct(self, x):
        return x


class Head(Backbone):
    def forward(self, x):  # MSL135: 4; no fix: the file calls .forward below
        return x * 2


def features(head, x):
    return head.forward(x)


# look-alikes
class HubBase(nn.Cell):
    def construct(self, *args, **kwargs):
        return self.forward(*args, **kwargs)


class HubHead(HubBase):
    def forward(self, x):
        return x


class HubChild(HubHead):
    def forward(self, x):
        return x + 1


class Runner(nn.Cell):
    def construct(self, x):
        return self.run(x)


class RunsForward(Runner):
    def run(self, x):
        return self.forward(x)

    def forward(self, x):
        return x


class Both(Backbone):
    def forward(self, x):
        return x

    def construct(self, x):
        return self.forward(x)
