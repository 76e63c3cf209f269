from .cycle_c import Again
