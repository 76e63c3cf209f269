from .cycle_a import Looped
from .cycle_c import Again


class Other(Looped):
    pass
