"""Which screen works which human step: one STEPS table per flow, so node names may repeat across
flows (both have an 'approve')."""

from workflows.exemption import ExemptionFlow
from workflows.requests import RequestFlow
from workflows.views import requests, steps

STEPS_BY_FLOW = {ExemptionFlow: steps.STEPS, RequestFlow: requests.STEPS}


def step_for(task):
    node = task.flow_task
    return STEPS_BY_FLOW.get(node.flow_class, {}).get(node.name)
