"""Starting a case of any type: the case (through the type's intake service), its flow, and the
受付票 for the applicant — all or nothing. The intake screens, the demo and the tests all start cases
here."""

from collections.abc import Callable

from django.db import IntegrityError, transaction

from cases.common.documents import documents
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case
from workflows.casetypes import flow_of


class IntakeRepeated(Exception):
    """The same intake form came a second time (a double click, a resend): `case` is the one its first
    submission made, and nothing new was written."""

    def __init__(self, case: Case):
        super().__init__(case.number)
        self.case = case


def case_start(*, case_type: str, intake: Callable[[], Case], receipt: bool = True, once: str = "") -> Case:
    """`intake()` is the type's intake service with the counter's data (it validates, numbers the case
    and records it at its first stage). Unregistered types fail before anything is written.
    `receipt=False`: nobody came to the counter (a case opened from a list); the type issues the 受付票
    when the filing is taken. `once`: the intake form's one-time key; a second submission with the
    same key raises IntakeRepeated (the database's unique key makes it wait for the first to commit)."""
    spec = casetype_spec(case_type)
    flow = flow_of(case_type)
    try:
        case = _start(case_type, intake, receipt, once, spec, flow)
    except IntegrityError:
        first = Case.objects.filter(intake_key=once).first() if once else None
        if first is None:
            raise
        raise IntakeRepeated(first) from None
    case.refresh_from_db()
    return case


def _start(case_type, intake, receipt, once, spec, flow) -> Case:
    with transaction.atomic():
        case = intake()
        if case.case_type != case_type:
            raise ValueError(f"intake made a {case.case_type} case, not {case_type}")
        if once:
            Case.objects.filter(pk=case.pk).update(intake_key=once)
        flow.start.run(case=case)
        if receipt and spec.has_receipt(case):
            # Rendered after commit by a worker; the case page shows it as soon as it is ready.
            documents().request(kind="receipt", case=case, requested_by=case.received_by)
    return case
