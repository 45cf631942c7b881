"""Demo exemption cases in every stage, made through the same step calls the screens use, so a newcomer
opening the desk finds work in inboxes and queues, waiting approvals, a sent bundle and 機構's results."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from viewflow.workflow.models import Process, Task

from cases.demo.context import SeedContext
from cases.kernel.deadlines import approvals_escalate_overdue, documents_remind_overdue
from cases.kernel.models import Case, CaseEvent, CaseType
from cases.security.models.users import User
from workflows import steps as actions
from workflows.demo_exemption import KIND_CHOICES, LATE, demo_applicants, demo_intake, demo_steps, demo_task
from workflows.demo_results import bundle_send_and_results_receive

# (label for the summary, how many cases, how many steps they go through; -1: withdrawn)
STAGES = (
    ("送付済・結果受領", 6, 4),
    ("本人確認", 3, 0),
    ("書類不備", 2, 0),
    ("入力", 3, 1),
    ("照合", 3, 2),
    ("決裁", 3, 3),
    ("送付待ち", 4, 4),
    ("取下げ", 1, -1),
)
STAFF = ("clerk-honcho", "clerk2-honcho", "supervisor-honcho")
# The stages whose first case is LATE (workflows/demo_exemption.py): an escalated approval, a missed deadline.
LATE_STAGES = ("決裁", "書類不備")


def _backdate(case: Case, delta: dt.timedelta) -> None:
    """Moves the case's clock back: its timeline, stage start and workflow tasks, as if it had been
    handled ``delta`` ago (the access log keeps the real times: it records what was done, when)."""
    Case.objects.filter(pk=case.pk).update(stage_since=F("stage_since") - delta)
    case.refresh_from_db()
    if case.documents_due_on:
        # The deadline was set from the real date; the timeline text that states it moves with it.
        due = case.documents_due_on - delta
        Case.objects.filter(pk=case.pk).update(documents_due_on=due)
        for event in CaseEvent.objects.filter(case=case, text_params__due=case.documents_due_on.isoformat()):
            event.text_params = {**event.text_params, "due": due.isoformat()}
            event.save(update_fields=["text_params"])
    CaseEvent.objects.filter(case=case).update(at=F("at") - delta)
    Process.objects.filter(pk=case.process_id).update(created=F("created") - delta)
    Task.objects.filter(process_id=case.process_id).update(
        created=F("created") - delta,
        assigned=F("assigned") - delta,
        started=F("started") - delta,
        finished=F("finished") - delta,
    )


def _awaiting_documents(case: Case, clerk: User, *, withdraw: bool) -> None:
    # Only a driving licence shown: no number document, so the case waits for documents.
    actions.identity_record(task_id=demo_task(case, clerk).pk, user=clerk, documents=["drivers_licence"])
    if withdraw:
        actions.documents_outcome(
            task_id=demo_task(case, clerk).pk, user=clerk, received=False, comment="申請者より取下げの申出"
        )


def seed_cases(ctx: SeedContext) -> None:
    if not ctx.with_cases:
        return
    if Case.objects.filter(case_type=CaseType.EXEMPTION).exists():
        ctx.notify("案件は既にあります。デモ案件の作成を省略します。")
        return
    staff = {user.username: user for user in User.objects.filter(username__in=STAFF)}
    if len(staff) != len(STAFF):
        return
    clerk, clerk2, supervisor = (staff[name] for name in STAFF)
    rng = ctx.rng("cases")
    applicants = demo_applicants(sum(count for _label, count, _depth in STAGES), ctx.as_of)
    rng.shuffle(applicants)
    steps = demo_steps(clerk, clerk2, supervisor)
    for label, count, depth in STAGES:
        made = []
        for resident in applicants[:count]:
            late = label in LATE_STAGES and not made
            with transaction.atomic():
                received_on = ctx.as_of - LATE if late else ctx.as_of
                case = demo_intake(clerk, resident, rng.choice(KIND_CHOICES), received_on)
                if label == "書類不備" or depth < 0:
                    _awaiting_documents(case, clerk, withdraw=depth < 0)
                for step in steps[: max(depth, 0)]:
                    case.refresh_from_db()
                    step(case)
                if late:
                    _backdate(case, LATE)
            made.append(case)
        applicants = applicants[count:]
        ctx.count(f"免除申請 ({label})", f"exemption cases ({label})", len(made))
        if label == "決裁":
            ctx.count("決裁遅延の通知", "escalated approvals", approvals_escalate_overdue())
        if label == "書類不備":
            ctx.count("書類提出期限の督促", "document deadlines missed", documents_remind_overdue())
        if label == "送付済・結果受領" and made:
            bundle_send_and_results_receive(made, supervisor, clerk, ctx)
