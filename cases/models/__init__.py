from .audit import AuditAction, AuditEntry
from .cases import Case, CaseEvent, CaseNumberSequence, CaseType, Stage
from .exemption_app import ExemptionApplication
from .imports import ImportBatch
from .income import IncomeRecord
from .offices import Office
from .pension import AdditionalPension, Exemption, MyNumber, PensionRecord, Qualification
from .reference import ScreeningRuleSet
from .requests import RecordCorrection, Requester, ResidentRequest
from .residents import Resident, ResidentHistory
from .security import Inquiry, LoginAttempt
from .submission import BundleItem, Discrepancy, RegistryTransfer, ResultImport, ResultLine, SubmissionBundle
from .system import WorkerHeartbeat
from .users import User

__all__ = [
    "AdditionalPension",
    "AuditAction",
    "AuditEntry",
    "BundleItem",
    "Case",
    "CaseEvent",
    "CaseNumberSequence",
    "CaseType",
    "Discrepancy",
    "Exemption",
    "ExemptionApplication",
    "ImportBatch",
    "IncomeRecord",
    "Inquiry",
    "LoginAttempt",
    "MyNumber",
    "Office",
    "PensionRecord",
    "Qualification",
    "RecordCorrection",
    "RegistryTransfer",
    "Requester",
    "Resident",
    "ResidentHistory",
    "ResidentRequest",
    "ResultImport",
    "ResultLine",
    "ScreeningRuleSet",
    "Stage",
    "SubmissionBundle",
    "User",
    "WorkerHeartbeat",
]
