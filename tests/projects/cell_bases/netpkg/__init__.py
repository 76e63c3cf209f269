from .models import PreTrainedModel
