"""The rules, one module per family; a new checker is one import and one line below."""
from ms_lint.checkers.autodiff import AutodiffChecker
from ms_lint.checkers.batchnorm import BatchNormChecker
from ms_lint.checkers.cell_containers import CellContainerChecker
from ms_lint.checkers.cells import CellChecker
from ms_lint.checkers.dropout import DropoutChecker
from ms_lint.checkers.gradients import GradientsChecker
from ms_lint.checkers.initialisation import InitialisationChecker
from ms_lint.checkers.layer_keywords import LayerKeywordChecker
from ms_lint.checkers.loss_scale import LossScaleChecker
from ms_lint.checkers.module_names import ModuleNameChecker
from ms_lint.checkers.optimizer_groups import OptimizerGroupsChecker
from ms_lint.checkers.optimizer_parameters import OptimizerParametersChecker
from ms_lint.checkers.optimizer_state import OptimizerStateChecker
from ms_lint.checkers.optimizer_use import OptimizerUseChecker
from ms_lint.checkers.padding import PaddingChecker
from ms_lint.checkers.results import ResultsChecker
from ms_lint.checkers.schedules import SchedulesChecker
from ms_lint.checkers.seeding import SeedingChecker
from ms_lint.checkers.tensor_methods import TensorMethodsChecker
from ms_lint.checkers.torch_tensor_methods import TorchTensorMethodsChecker
from ms_lint.checkers.training_mode import TrainingModeChecker
from ms_lint.checkers.training_step import TrainingStepChecker

CHECKERS = (
    DropoutChecker,  # MSL101, MSL102
    BatchNormChecker,  # MSL111, MSL114
    LayerKeywordChecker,  # MSL112, MSL115
    ModuleNameChecker,  # MSL113
    PaddingChecker,  # MSL121-MSL127, MSL129
    InitialisationChecker,  # MSL128
    CellChecker,  # MSL131-MSL133, MSL135
    CellContainerChecker,  # MSL134
    OptimizerGroupsChecker,  # MSL201-MSL206
    OptimizerUseChecker,  # MSL211, MSL221-MSL224
    OptimizerStateChecker,  # MSL225
    TrainingStepChecker,  # MSL231
    OptimizerParametersChecker,  # MSL232-MSL234
    SchedulesChecker,  # MSL241, MSL242
    TrainingModeChecker,  # MSL301-MSL303
    AutodiffChecker,  # MSL311-MSL313
    GradientsChecker,  # MSL314-MSL316
    LossScaleChecker,  # MSL321-MSL323
    TensorMethodsChecker,  # MSL401
    ResultsChecker,  # MSL402, MSL403, MSL405
    TorchTensorMethodsChecker,  # MSL404, MSL406
    SeedingChecker,  # MSL407
)
