"""The kernel's models, one module per record: the case (case), its timeline (events), the counter's
record (counter), its papers (checklist). Code imports them from here."""

from cases.kernel.models.case import REQUEST_CASE_TYPES, Case, CaseNumberSequence, CaseType
from cases.kernel.models.checklist import ChecklistItem
from cases.kernel.models.counter import CounterRecord, Requester
from cases.kernel.models.events import CaseEvent
from cases.kernel.stages import OPEN_STAGES, Stage

__all__ = [
    "OPEN_STAGES",
    "REQUEST_CASE_TYPES",
    "Case",
    "CaseEvent",
    "CaseNumberSequence",
    "CaseType",
    "ChecklistItem",
    "CounterRecord",
    "Requester",
    "Stage",
]
