from .base import *  # noqa: F403
from .mixins import SaveMixin
