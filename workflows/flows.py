# viewflow imports `<app>.flows` on migrate; every flow of the desk is registered here.
from workflows.exemption import ExemptionFlow

FLOWS = (ExemptionFlow,)

__all__ = ["FLOWS", "ExemptionFlow"]
