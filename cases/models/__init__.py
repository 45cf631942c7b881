from .imports import ImportBatch
from .income import IncomeRecord
from .offices import Office
from .reference import ScreeningRuleSet
from .pension import AdditionalPension, Exemption, MyNumber, PensionRecord, Qualification
from .residents import Resident, ResidentHistory
from .system import WorkerHeartbeat
from .users import User

__all__ = [
    "AdditionalPension",
    "Exemption",
    "ImportBatch",
    "IncomeRecord",
    "MyNumber",
    "Office",
    "PensionRecord",
    "Qualification",
    "Resident",
    "ScreeningRuleSet",
    "ResidentHistory",
    "User",
    "WorkerHeartbeat",
]
