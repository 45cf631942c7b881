"""Drive an exemption case through its steps with the same calls the screens make."""

import datetime as dt

from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.exemption import services as svc
from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
from cases.exemption.request import ExemptionRequest
from cases.kernel.models import CaseType
from tests.factories import applicant_with_household
from workflows import engine
from workflows import steps as actions
from workflows.casetypes import flow_of
from workflows.start import case_start


def current_period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return fiscal_year_bounds(fiscal_year_of(today, student=False), student=False)


def open_task(case, node_name: str) -> Task:
    """The case's open task at `node_name`, in whichever flow its type registered (any case type)."""
    return Task.objects.get(
        process_id=case.process_id,
        flow_task=getattr(flow_of(case.case_type), node_name),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def screen_step(client, case, node_name: str, user, data: dict, *, sees=()):
    """One step through the real screens, as `user` would do it: take the task from the queue (the
    claim view) unless it is already theirs, open the task screen (which shows each of `sees`), send
    `data`. Any case type."""
    client.force_login(user)
    task = open_task(case, node_name)
    if task.owner_id != user.pk:
        if task.owner_id:
            engine.task_release(task_id=task.pk, user=task.owner)
        assert client.post(f"/desk/tasks/{task.pk}/claim/").status_code == 302
    page = client.get(f"/desk/tasks/{task.pk}/")
    assert page.status_code == 200
    for text in sees:
        assert text in page.content.decode(), text
    response = client.post(f"/desk/tasks/{task.pk}/", data)
    case.refresh_from_db()
    return response


def _take(case, node_name: str, user) -> Task:
    task = open_task(case, node_name)
    if task.owner_id != user.pk:
        if task.owner_id:
            engine.task_release(task_id=task.pk, user=task.owner)
        engine.task_claim(task_id=task.pk, user=user)
    return task


def start_case(*, clerk, resident, kinds=("full", "half"), **request_fields):
    """受付 for this 免除年度's months; `request_fields` (a special ground and its facts …) taken with it."""
    start, end = current_period()
    return case_start(
        case_type=CaseType.EXEMPTION,
        intake=lambda: svc.exemption_intake(
            actor=clerk,
            resident=resident,
            received_on=timezone.localdate(),
            request=ExemptionRequest(kinds=list(kinds), period_start=start, period_end=end, **request_fields),
        ),
    )


def verify(case, clerk, documents=("mynumber_card",)):
    task = _take(case, "verify_identity", clerk)
    actions.identity_record(task_id=task.pk, user=clerk, documents=list(documents))
    case.refresh_from_db()


def enter(case, clerk, spouse=None, householder=None, kinds=None, **request_fields):
    """入力 of the application as taken (or of `kinds`), for this 免除年度's months; `request_fields` (a special
    ground and its facts, the form's notes …) are entered with it. `householder` None: the applicant heads the
    household."""
    task = _take(case, "enter_data", clerk)
    start, end = current_period()
    entered = svc.ExemptionInput(
        request=ExemptionRequest(
            kinds=list(kinds or case.exemption.kinds), period_start=start, period_end=end, **request_fields
        ),
        declared=svc.declared_from_registry(case.resident),
        spouse=spouse,
        householder=householder,
        household_confirmed=True,
    )
    actions.input_save(task_id=task.pk, user=clerk, data=entered)
    case.refresh_from_db()


def case_at_cross_check(clerk, capture):
    """A household's case taken, identified and entered by `clerk`, now at 照合 (`capture`: pytest-django's
    django_capture_on_commit_callbacks, so the income attachment runs as on commit)."""
    applicant, spouse = applicant_with_household()
    case = start_case(clerk=clerk, resident=applicant)
    verify(case, clerk)
    with capture(execute=True):
        enter(case, clerk, spouse=spouse)
    return case


def cross_check(case, clerk, matches=True, reason=""):
    task = _take(case, "cross_check", clerk)
    actions.cross_check(task_id=task.pk, user=clerk, matches=matches, reason=reason)
    case.refresh_from_db()


def approve(case, supervisor, approved=True, reason=""):
    task = _take(case, "approve", supervisor)
    actions.approval(task_id=task.pk, user=supervisor, approved=approved, reason=reason)
    case.refresh_from_db()


def approved(case, *, clerk, clerk2, supervisor, spouse, capture):
    """`case` taken by `clerk` driven to 送付待ち: 本人確認 and 入力 by `clerk`, 照合 by `clerk2`, 決裁 by
    `supervisor`, the income attachment and the documents run as on commit (`capture`)."""
    verify(case, clerk)
    with capture(execute=True):
        enter(case, clerk, spouse=spouse)
    cross_check(case, clerk2)
    with capture(execute=True):
        approve(case, supervisor)
    return case


def backdate_receipt(case, days: int) -> None:
    """As if the case had been received `days` ago: its 受付日 and the 送付期限 stored from it."""
    from cases.kernel.models import Case
    from cases.kernel.services import case_send_due_on

    received = timezone.localdate() - dt.timedelta(days=days)
    Case.objects.filter(pk=case.pk).update(received_on=received, send_due_on=case_send_due_on(received))
