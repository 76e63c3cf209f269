"""MSL407 look-alikes: a module that keeps the default Generator's state seeds that Generator on
purpose (mindspore.mint's random functions)."""
from mindspore import get_rng_state, manual_seed, mint, set_rng_state


# look-alikes: manual_seed beside the Generator's state
def forked_normal(seed, shape):
    state = get_rng_state()
    manual_seed(seed)
    out = mint.normal(0.0, 1.0, shape)
    set_rng_state(state)
    return out


forked_normal(1, (2, 2))
