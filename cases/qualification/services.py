"""The qualification filing's own part of each step: intake at the counter, a 勧奨 case opened from a list
and answered when the person comes, what 入力 stores, the papers it needs. The kernel does the rest
(cases/kernel/steps.py) and calls these through the spec (cases/qualification/casetype.py)."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.documents import documents
from cases.common.texts import Text
from cases.kernel.checklist import checklist_sync
from cases.kernel.counter import Counter, counter_record_save
from cases.kernel.models import Case, CaseEvent, CaseType, Stage
from cases.kernel.services import case_event_record, case_open, case_transition
from cases.kernel.stages import FINAL_STAGES
from cases.qualification import texts
from cases.qualification.agent import agent_errors
from cases.qualification.compute import Computed, qualification_compute
from cases.qualification.deadlines import send_due_on
from cases.qualification.models import DeadlineStatus, Event, FilingKind, QualificationFiling
from cases.qualification.models.filings import EVENTS_NAMED_BY_KIND
from cases.qualification.params import qualification_params
from cases.qualification.request import STORED_FIELDS, QualificationRequest, request_of
from cases.registry.models.residents import Resident
from cases.registry.selectors.pension import pension_records_on
from cases.security.models.users import User

COMPUTED_FIELDS = (
    "effective_on",
    "effective_basis",
    "insured_kind_before",
    "insured_kind_after",
    "acquired_reason",
    "lost_reason",
    "deadline_on",
    "deadline_status",
    "route",
    "additional_month",
    "event_date",
    "doubts",
)


@dataclass
class QualificationInput:
    """What 入力 (or the 勧奨 answered at the counter) takes."""

    request: QualificationRequest
    counter: Counter | None = None


def filing_compute(*, resident: Resident, request: QualificationRequest, filed_on: dt.date) -> Computed:
    day = request.event_date if request.event_date and request.kind in _RECORDS_AT_EVENT else filed_on
    return qualification_compute(
        request=request,
        birth_date=resident.birth_date,
        filed_on=filed_on,
        records=pension_records_on(resident=resident, day=day),
        params=qualification_params(on=filed_on),
    )


# The 種別 that matters is the one the day before the fact (a 種別変更 or loss), not on the filing day.
_RECORDS_AT_EVENT = frozenset({FilingKind.LOSS, FilingKind.KIND_CHANGE, FilingKind.DEATH})


def _store(filing: QualificationFiling, request: QualificationRequest, computed: Computed) -> None:
    for name in STORED_FIELDS:
        setattr(filing, name, getattr(request, name))
    for name in COMPUTED_FIELDS:
        setattr(filing, name, getattr(computed, name))


def _checked(
    resident: Resident, request: QualificationRequest, counter: Counter, filed_on: dt.date
) -> Computed:
    errors = agent_errors(counter, resident)
    try:
        computed = filing_compute(resident=resident, request=request, filed_on=filed_on)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        errors = {**{name: messages[0] for name, messages in exc.message_dict.items()}, **errors}
        computed = None
    if errors:
        raise ValidationError(errors)
    return computed


def open_solicitation(resident: Resident, kind: str) -> Case | None:
    """A 勧奨 case for this person and kind still waiting for the filing."""
    return (
        Case.objects.filter(
            case_type=CaseType.QUALIFICATION, resident=resident, stage=Stage.INTAKE, qualification__kind=kind
        )
        .order_by("pk")
        .first()
    )


def _received_text(filing: QualificationFiling) -> Text:
    if filing.event in EVENTS_NAMED_BY_KIND:
        filed = texts.FILED_KIND(kind=FilingKind(filing.kind).label)
    else:
        filed = texts.FILED(kind=FilingKind(filing.kind).label, event=Event(filing.event).label)
    if filing.deadline_status == DeadlineStatus.LATE:
        return texts.FILED_LATE(filed=filed, due=filing.deadline_on)
    if filing.deadline_status == DeadlineStatus.UNDECIDED:
        return texts.FILED_ON_THE_LAST_DAY(filed=filed, due=filing.deadline_on)
    return filed


def _late_reason(filing: QualificationFiling) -> str:
    """What the clerk typed about a late filing: kept as written beside the sentence."""
    return filing.late_reason if filing.deadline_status == DeadlineStatus.LATE else ""


def _send_due(case: Case, filed_on: dt.date) -> None:
    case.send_due_on = send_due_on(received_on=filed_on, params=qualification_params(on=filed_on))
    case.save(update_fields=["send_due_on", "updated_at"])


@transaction.atomic
def qualification_intake(
    *,
    actor: User,
    resident: Resident,
    received_on: dt.date,
    request: QualificationRequest,
    counter: Counter | None = None,
) -> Case:
    """受付 of a 届出 or 申出 at the counter. A late one is taken and the lateness recorded."""
    counter = counter or Counter()
    waiting = open_solicitation(resident, request.kind)
    if waiting is not None:
        raise ValidationError(
            {
                "kind": _(
                    "この方には勧奨中の案件 %(number)s があります。その案件の「届出の受付 (勧奨)」で受け付けてください。"
                )
                % {"number": waiting.number}
            }
        )
    computed = _checked(resident, request, counter, received_on)
    case = case_open(
        case_type=CaseType.QUALIFICATION, resident=resident, received_on=received_on, actor=actor
    )
    filing = QualificationFiling(case=case, filed_on=received_on)
    _store(filing, request, computed)
    filing.save()
    _send_due(case, received_on)
    counter_record_save(case=case, counter=counter)
    checklist_sync(case=case)
    case_transition(
        case=case,
        to_stage=Stage.IDENTITY,
        actor=actor,
        action=CaseEvent.Action.RECEIVED,
        text=_received_text(filing),
        comment=_late_reason(filing),
    )
    return case


@transaction.atomic
def qualification_solicit(
    *, actor: User, resident: Resident, kind: str, event: str, event_date: dt.date | None, source: Text
) -> Case:
    """A 勧奨 case from a list: opened now, it waits at 受付 until the person files (or is closed)."""
    case = case_open(
        case_type=CaseType.QUALIFICATION,
        resident=resident,
        received_on=timezone.localdate(),
        actor=actor,
        filed=False,
    )
    QualificationFiling.objects.create(
        case=case, kind=kind, event=event, event_date=event_date, solicited=True
    )
    case_event_record(case=case, actor=actor, action=CaseEvent.Action.SOLICITED, text=source)
    return case


@transaction.atomic
def qualification_receive(
    *, case: Case, actor: User, data: QualificationInput, received_on: dt.date | None = None
) -> None:
    """The person answers a 勧奨: the filing is taken now (its 受付日, 受付者 and 送付期限 are today's)."""
    if case.stage != Stage.INTAKE:
        raise ValidationError(_("この案件は届出待ちではありません。"))
    received_on = received_on or timezone.localdate()
    counter = data.counter or Counter()
    computed = _checked(case.resident, data.request, counter, received_on)
    filing = case.qualification
    _store(filing, data.request, computed)
    filing.filed_on = received_on
    filing.save()
    case.received_on, case.received_by = received_on, actor
    case.save(update_fields=["received_on", "received_by", "updated_at"])
    _send_due(case, received_on)
    counter_record_save(case=case, counter=counter)
    checklist_sync(case=case)
    case_transition(
        case=case,
        to_stage=Stage.IDENTITY,
        actor=actor,
        action=CaseEvent.Action.RECEIVED,
        text=texts.ANSWERED(filed=_received_text(filing)),
        comment=_late_reason(filing),
    )
    documents().request(kind="receipt", case=case, requested_by=actor)


def qualification_input_save(*, case: Case, actor: User, data: QualificationInput | None) -> None:
    """入力 (the kernel's `input_save` hook): the filing as typed from the 届書, computed again."""
    filing = case.qualification
    request = data.request if data is not None else request_of(filing)
    counter = data.counter if data is not None and data.counter is not None else Counter()
    computed = _checked(case.resident, request, counter, filing.filed_on)
    _store(filing, request, computed)
    filing.save()
    if data is not None and data.counter is not None:
        counter_record_save(case=case, counter=counter)
    checklist_sync(case=case)


def qualification_cross_check_ready(case: Case) -> None:
    if case.qualification.effective_on is None:
        raise ValidationError({"matches": _("届出の内容が入力されていません。入力に差し戻してください。")})


def qualification_approval_documents(case: Case) -> tuple[str, ...]:
    return ("filing",)


def is_open(case: Case) -> bool:
    return case.stage not in FINAL_STAGES
