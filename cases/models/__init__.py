from .audit import AuditAction, AuditEntry
from .cases import Case, CaseEvent, CaseNumberSequence, CaseType, Stage
from .exemption_app import ExemptionApplication
from .imports import ImportBatch
from .income import IncomeRecord
from .offices import Office
from .pension import AdditionalPension, Exemption, MyNumber, PensionRecord, Qualification
from .reference import ScreeningRuleSet
from .residents import Resident, ResidentHistory
from .system import WorkerHeartbeat
from .users import User

__all__ = [
    "AdditionalPension",
    "AuditAction",
    "AuditEntry",
    "Case",
    "CaseEvent",
    "CaseNumberSequence",
    "CaseType",
    "Exemption",
    "ExemptionApplication",
    "ImportBatch",
    "IncomeRecord",
    "MyNumber",
    "Office",
    "PensionRecord",
    "Qualification",
    "Resident",
    "ResidentHistory",
    "ScreeningRuleSet",
    "Stage",
    "User",
    "WorkerHeartbeat",
]
