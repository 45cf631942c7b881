# viewflow imports `<app>.flows` on migrate; every flow of the desk is registered here.
from workflows.exemption import ExemptionFlow
from workflows.requests import RequestFlow

FLOWS = (ExemptionFlow, RequestFlow)

__all__ = ["FLOWS", "ExemptionFlow", "RequestFlow"]
