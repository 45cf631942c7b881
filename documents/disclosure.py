"""開示請求 報告書: everything held on one person, snapshotted when the supervisor produces it.

宛名情報 and its history, 年金基本情報, 資格情報, 付加年金, 免除情報, 所得情報 (each 賦課年度), corrections,
the person's cases with their timelines, the documents issued on those cases and the access-log
entries about the person. The 個人番号 is printed only after a supervisor approved it on the request
case; otherwise the report says it is held and masks it.
"""

from django.db.models import Q
from django.utils import timezone

from cases.exemption.models import ExemptionApplication
from cases.kernel.models import Case, CaseEvent
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident
from documents.disclosure_access import _access_log, _target_label  # noqa: F401  (_target_label: re-exported)
from documents.disclosure_records import _corrections, _history, _incomes, _pension, _person
from documents.filing import iso
from documents.models import Document
from documents.mynumber import mynumber_snapshot
from documents.snapshot_parts import SNAPSHOT_VERSION, Snapshot, _case_part, _city, _staff

TEMPLATE = "documents/pdf/disclosure.html"


def _mynumber(case: Case, approved: bool) -> tuple[str, dict | None]:
    record = MyNumber.objects.filter(resident_id=case.resident_id).first()
    if record is None or (not record.ciphertext and not record.purged_at):
        return "none", None
    if record.purged_at or not record.ciphertext:
        return "purged", None
    if not approved:
        return "masked", None
    return "included", mynumber_snapshot(case)


def _events(case: Case) -> list[dict]:
    return [
        {
            "at": timezone.localtime(event.at).isoformat(timespec="minutes"),
            "action": event.get_action_display(),
            "from_stage": event.get_from_stage_display() if event.from_stage else "",
            "to_stage": event.get_to_stage_display() if event.to_stage else "",
            "office": event.office.name if event.office else "",
            # Worded in Japanese (documents render in Japanese); the system's sentence and what a person
            # typed kept apart, as the timeline shows them (reports made before keep one "comment").
            "said": event.said,
            "typed": event.comment,
        }
        for event in CaseEvent.objects.filter(case=case).select_related("office").order_by("at", "id")
    ]


def _cases(resident: Resident) -> list[dict]:
    cases = Case.objects.filter(resident=resident).select_related("office").order_by("received_on", "id")
    return [
        {
            "number": case.number,
            "case_type": case.type_label,
            "stage": case.get_stage_display(),
            "received_on": iso(case.received_on),
            "office": case.office.name,
            "closed_at": iso(timezone.localdate(case.closed_at)) if case.closed_at else "",
            "events": _events(case),
        }
        for case in cases
    ]


def _related_cases(resident: Resident) -> list[dict]:
    """Other people's applications that name this person (spouse, 世帯主): their income was attached."""
    applications = (
        ExemptionApplication.objects.filter(Q(spouse=resident) | Q(householder=resident))
        .exclude(case__resident=resident)
        .select_related("case")
        .order_by("case__received_on", "case_id")
    )
    return [
        {
            "number": application.case.number,
            "case_type": application.case.type_label,
            "received_on": iso(application.case.received_on),
            "role": "配偶者" if application.spouse_id == resident.pk else "世帯主",
        }
        for application in applications
    ]


def _documents(resident: Resident) -> list[dict]:
    documents = (
        Document.objects.filter(case__resident=resident)
        .exclude(sha256="")  # requested but never rendered: not issued
        .select_related("case")
        .order_by("requested_at", "id")
    )
    return [
        {
            "id": document.pk,
            "kind": document.get_kind_display(),
            "case": document.case.number,
            "requested_on": iso(timezone.localdate(document.requested_at)),
            "rendered_on": iso(timezone.localdate(document.rendered_at)) if document.rendered_at else "",
            "sha256": document.sha256,
            "status": document.get_status_display(),
            "superseded": document.superseded_at is not None,
            "includes_mynumber": document.includes_mynumber,
        }
        for document in documents
    ]


def disclosure_snapshot(*, case: Case) -> Snapshot:
    resident = case.resident
    request = case.resident_request
    state, mynumber = _mynumber(case, request.mynumber_approved)
    access_log, access_total = _access_log(resident)
    context = {
        "version": SNAPSHOT_VERSION,
        "case": _case_part(case),
        "city": _city(),
        "request": {
            "requester": case.counter.get_requester_display(),
            "agent_name": case.counter.agent_name,
            "agent_relationship": case.counter.agent_relationship,
            "content": request.content,
            "mynumber_approved_by": _staff(request.mynumber_approved_by),
            "mynumber_approved_on": (
                iso(timezone.localdate(request.mynumber_approved_at)) if request.mynumber_approved_at else ""
            ),
        },
        "as_of": timezone.localtime().isoformat(timespec="minutes"),
        "person": _person(resident),
        "history": _history(resident),
        "mynumber_state": state,
        "pension": _pension(resident),
        "incomes": _incomes(resident),
        "corrections": _corrections(resident),
        "cases": _cases(resident),
        "related_cases": _related_cases(resident),
        "documents": _documents(resident),
        "access_log": access_log,
        "access_total": access_total,
        "access_omitted": max(access_total - len(access_log), 0),
    }
    if mynumber is not None:
        context["mynumber"] = mynumber
    return Snapshot(TEMPLATE, context, includes_mynumber=state == "included" and mynumber["registered"])
