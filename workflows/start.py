"""Starting a case of any type: the case (through the type's intake service), its flow, and the
受付票 for the applicant — all or nothing. The intake screens, the demo and the tests all start cases
here."""

from collections.abc import Callable

from django.db import transaction

from cases.common.documents import documents
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case
from workflows.casetypes import flow_of


def case_start(*, case_type: str, intake: Callable[[], Case], receipt: bool = True) -> Case:
    """`intake()` is the type's intake service with the counter's data (it validates, numbers the case
    and records it at its first stage). Unregistered types fail before anything is written.
    `receipt=False`: nobody came to the counter (a case opened from a list); the type issues the 受付票
    when the filing is taken."""
    spec = casetype_spec(case_type)
    flow = flow_of(case_type)
    with transaction.atomic():
        case = intake()
        if case.case_type != case_type:
            raise ValueError(f"intake made a {case.case_type} case, not {case_type}")
        flow.start.run(case=case)
        if receipt and spec.has_receipt(case):
            # Rendered after commit by a worker; the case page shows it as soon as it is ready.
            documents().request(kind="receipt", case=case, requested_by=case.received_by)
    case.refresh_from_db()
    return case
