import mindspore as ms


class HubModel(ms.nn.Cell):
    def __init__(self, config):
        super().__init__()
        self.config = config
