"""The rules, one module per family; a new checker is one import and one line below."""
from ms_lint.checkers.autodiff import AutodiffChecker
from ms_lint.checkers.batchnorm import BatchNormChecker
from ms_lint.checkers.dropout import DropoutChecker
from ms_lint.checkers.tensor_methods import TensorMethodsChecker

CHECKERS = (DropoutChecker, BatchNormChecker, AutodiffChecker, TensorMethodsChecker)
