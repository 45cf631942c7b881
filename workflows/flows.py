# viewflow imports `<app>.flows` on migrate; every flow of the desk is registered here.
from workflows.exemption import ExemptionFlow

__all__ = ["ExemptionFlow"]
