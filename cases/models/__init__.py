"""The models of every part of cases/, for Django (app label `cases`); code imports a model from its part.

The parts listed here are imported by name (the names below are this module's public ones). Every other
part's `models` module is found and imported as well (PART_MODELS), so a new case type's models load
with the app's without a line here (docs/architecture.md, adding a case type)."""

import cases
from cases.apps import import_plugins
from cases.common.system_models import WorkerHeartbeat
from cases.disability.models import DisabilityClaim, DisabilityRuleSet
from cases.exemption.models import ExemptionApplication
from cases.exemption.screening.models import ScreeningRuleSet
from cases.kernel.models import (
    Case,
    CaseEvent,
    CaseNumberSequence,
    CaseType,
    ChecklistItem,
    CounterRecord,
    Requester,
    Stage,
)
from cases.qualification.models import (
    QualificationFiling,
    QualificationList,
    QualificationListRow,
    QualificationRuleSet,
)
from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.imports import ImportBatch
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import AdditionalPension, Exemption, MyNumber, PensionRecord, Qualification
from cases.registry.models.residents import Resident, ResidentHistory
from cases.registry.models.reveals import RevealApproval
from cases.requests.models import ResidentRequest
from cases.security.models.alerts import RevealSuspension, SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry, StaffName
from cases.security.models.offices import Office
from cases.security.models.roles import RoleGrant
from cases.security.models.security import Inquiry, InquiryRevision, LoginAttempt
from cases.security.models.users import User
from cases.submission.models import (
    BundleItem,
    Discrepancy,
    RegistryTransfer,
    ResultImport,
    ResultLine,
    SubmissionBundle,
)
from cases.submission.result_uploads import ResultUpload

__all__ = [
    "AdditionalPension",
    "AuditAction",
    "AuditEntry",
    "BundleItem",
    "Case",
    "CaseEvent",
    "CaseNumberSequence",
    "CaseType",
    "ChecklistItem",
    "CounterRecord",
    "DisabilityClaim",
    "DisabilityRuleSet",
    "Discrepancy",
    "Exemption",
    "ExemptionApplication",
    "ImportBatch",
    "IncomeRecord",
    "Inquiry",
    "InquiryRevision",
    "LoginAttempt",
    "MyNumber",
    "Office",
    "PensionRecord",
    "Qualification",
    "QualificationFiling",
    "QualificationList",
    "QualificationListRow",
    "QualificationRuleSet",
    "RecordCorrection",
    "RegistryTransfer",
    "Requester",
    "Resident",
    "ResidentHistory",
    "ResidentRequest",
    "ResultImport",
    "ResultLine",
    "ResultUpload",
    "RevealApproval",
    "RevealSuspension",
    "RoleGrant",
    "ScreeningRuleSet",
    "SecurityAlert",
    "StaffName",
    "Stage",
    "SubmissionBundle",
    "User",
    "WorkerHeartbeat",
]

# After the named imports, so a part's module finds the models it refers to already loaded.
PART_MODELS = import_plugins(cases, names=("models",))
