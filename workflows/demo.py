"""Demo exemption cases in every stage, made through the same step calls the screens use, so a newcomer
opening the desk finds work in inboxes and queues, waiting approvals, a sent bundle and 機構's results."""

import datetime as dt
from collections.abc import Callable
from itertools import islice

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from viewflow.workflow.models import Process, Task

from cases.common.codes import ExemptionKind, InsuredKind
from cases.demo.context import SeedContext
from cases.exemption import services as svc
from cases.exemption.ages import first_category1_month, last_category1_month
from cases.exemption.deferral import deferral_cap
from cases.exemption.income_attachment import exemption_income_attach
from cases.exemption.membership import VOLUNTARY_KINDS
from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
from cases.exemption.request import ExemptionRequest
from cases.kernel.deadlines import approvals_escalate_overdue, documents_remind_overdue
from cases.kernel.models import Case, CaseEvent, CaseType
from cases.kernel.stages import WAIT_RESULT
from cases.registry.models.pension import Qualification
from cases.registry.models.residents import Resident
from cases.security.models.users import User
from workflows import engine
from workflows import steps as actions
from workflows.resume import flows_resume, flows_resume_each, flows_waiting
from workflows.selectors import open_tasks_of_case
from workflows.start import case_start

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
KIND_CHOICES = (
    ["full", "three_quarters", "half", "quarter"],
    ["full", "deferral"],
    ["half", "quarter"],
    ["full"],
)
STAFF = ("clerk-honcho", "clerk2-honcho", "supervisor-honcho")
# One 決裁 and one 書類不備 case were received this long ago and have waited since, so the desks show an
# escalated approval (more than 3 business days) and a missed document deadline (10 business days)
# instead of always-empty lists.
LATE = dt.timedelta(days=28)
LATE_STAGES = ("決裁", "書類不備")


def _period(as_of: dt.date) -> tuple[dt.date, dt.date]:
    return fiscal_year_bounds(fiscal_year_of(as_of, student=False), student=False)


def _applicants(count: int, as_of: dt.date) -> list[Resident]:
    # 任意加入 members cannot apply for any exemption (法附則5条10項): the intake refuses them. Only a
    # 第1号被保険者's premiums are exempted (法90条 etc.): a 第2号 employee's application would reach
    # 送付待ち with no month of its period to exempt, as its case page says. The intake also refuses
    # months before the 20歳 month or from the 60歳 month (法8条1号, 9条3号): the whole year asked for,
    # the late cases' year before included, lies inside the applicant's 20s to 50s.
    voluntary = Qualification.objects.filter(insured_kind__in=VOLUNTARY_KINDS, lost_on__isnull=True)
    first = Qualification.objects.filter(insured_kind=InsuredKind.FIRST, lost_on__isnull=True)
    earliest, _end = _period(as_of - LATE)
    _start, latest = _period(as_of)
    residents = (
        Resident.objects.filter(removed_on__isnull=True, pension__basic_pension_no__isnull=False)
        .filter(pension__qualifications__in=first)
        .distinct()
        .exclude(cases__isnull=False)
        .exclude(pension__qualifications__in=voluntary)
        .order_by("pk")
    )
    fits = (
        resident
        for resident in residents.iterator()
        if first_category1_month(resident.birth_date) <= earliest
        and last_category1_month(resident.birth_date) >= latest
    )
    return list(islice(fits, count * 4))


def _kinds_for(resident: Resident, kinds: list[str], start: dt.date, fiscal_year: int) -> list[str]:
    """納付猶予 only while the applicant is under the 50歳 month (平成26年法附則14条1項)."""
    if ExemptionKind.DEFERRAL not in kinds:
        return kinds
    cap = deferral_cap(birth_date=resident.birth_date, fiscal_year=fiscal_year)
    if cap is not None and cap >= start:
        return kinds
    return [kind for kind in kinds if kind != ExemptionKind.DEFERRAL] or [ExemptionKind.FULL]


def _task_for(case: Case, user: User):
    task = open_tasks_of_case(process_id=case.process_id).first()
    if task.owner_id != user.pk:
        engine.task_claim(task_id=task.pk, user=user)
    return task


def _steps(clerk: User, clerk2: User, supervisor: User) -> list[Callable[[Case], None]]:
    def verify(case: Case) -> None:
        actions.identity_record(task_id=_task_for(case, clerk).pk, user=clerk, documents=["mynumber_card"])

    def enter(case: Case) -> None:
        entered = svc.ExemptionInput(
            # The months asked for at the counter (a case received weeks ago may be for the year before).
            request=ExemptionRequest(
                kinds=list(case.exemption.kinds),
                period_start=case.exemption.period_start,
                period_end=case.exemption.period_end,
            ),
            declared=svc.declared_from_registry(case.resident),
            household_confirmed=True,
        )
        actions.input_save(task_id=_task_for(case, clerk).pk, user=clerk, data=entered)
        # The attachment job runs after commit; the demo wants it done before the next step.
        exemption_income_attach(case_ids=[case.pk])
        flows_resume([case.pk], "attach_income")

    def cross_check(case: Case) -> None:
        actions.cross_check(task_id=_task_for(case, clerk2).pk, user=clerk2, matches=True)

    def approve(case: Case) -> None:
        actions.approval(
            task_id=_task_for(case, supervisor).pk, user=supervisor, approved=True, reason="デモ"
        )

    return [verify, enter, cross_check, approve]


def _intake(clerk: User, resident: Resident, kinds: list[str], as_of: dt.date) -> Case:
    start, end = _period(as_of)
    return case_start(
        case_type=CaseType.EXEMPTION,
        intake=lambda: svc.exemption_intake(
            actor=clerk,
            resident=resident,
            received_on=as_of,
            request=ExemptionRequest(
                kinds=_kinds_for(resident, kinds, start, fiscal_year_of(as_of, student=False)),
                period_start=start,
                period_end=end,
            ),
        ),
    )


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
    actions.identity_record(task_id=_task_for(case, clerk).pk, user=clerk, documents=["drivers_licence"])
    if withdraw:
        actions.documents_outcome(
            task_id=_task_for(case, clerk).pk, user=clerk, received=False, comment="申請者より取下げの申出"
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
    applicants = _applicants(sum(count for _label, count, _depth in STAGES), ctx.as_of)
    rng.shuffle(applicants)
    steps = _steps(clerk, clerk2, supervisor)
    for label, count, depth in STAGES:
        made = []
        for resident in applicants[:count]:
            late = label in LATE_STAGES and not made
            with transaction.atomic():
                received_on = ctx.as_of - LATE if late else ctx.as_of
                case = _intake(clerk, resident, rng.choice(KIND_CHOICES), received_on)
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
            _send_and_receive_results(made, supervisor, clerk, ctx)


def demo_results_receive(filename: str, data: bytes, *, uploader: User) -> int:
    """機構's list as the desk takes it: one 本庁 係長 uploads it, the second applies it (four eyes,
    cases/submission/results_confirm.py); the screens' 取込履歴 then name the 係長, never a clerk.

    Applying it sets the cases' stages and queues the completion of their flows' 結果待ち for a worker
    (cases/submission/results_flows.py). With a broker set and no worker running those jobs would wait, and
    so would the demo's 結果受領 cases (a 返戻 never back at its 入力): the demo completes them here, in-process,
    as the job does. The job is safe to run twice, so a worker that takes it later finds nothing left (and
    when the job ran in-process already, as the embedded default runs it, this finds nothing to do).
    Returns how many of the answered cases' flows are past 結果待ち."""
    from cases.submission.models import ResultLine
    from cases.submission.results_confirm import result_upload_apply, result_upload_stage

    second = User.objects.get(username=f"supervisor2-{uploader.office.code}")
    upload = result_upload_stage(filename=filename, data=data, by=uploader)
    imported = result_upload_apply(upload=upload, by=second)
    answered = set(
        ResultLine.objects.filter(result_import=imported, case__isnull=False).values_list(
            "case_id", flat=True
        )
    )
    flows_resume_each(sorted(answered), WAIT_RESULT)
    return len(answered - set(flows_waiting(WAIT_RESULT, older_than=dt.timedelta(0))))


def result_flows_count(ctx: SeedContext, what_ja: str, what_en: str, done: int) -> None:
    """The summary's line for the flows of the cases 機構 answered (demo_results_receive): completed by the
    demo itself when no worker took the job, so where the cases are does not depend on a worker running."""
    ctx.count(
        f"{what_ja}: 結果待ちのフローを完了 (ワーカーがなくてもその場で実行)",
        f"{what_en} result flows completed (run here if no worker takes them)",
        done,
    )


def _send_and_receive_results(cases: list[Case], supervisor: User, clerk: User, ctx: SeedContext) -> None:
    """Last week's bundle: sealed and handed over, and 機構's list already back for most of it."""
    from cases.submission.bundle_common import weekly_cutoff
    from cases.submission.bundles import bundle_build, bundle_hand_over
    from workflows.submission import bundle_seal

    # These were "approved last week": last week's bundle, cut off at its cut-off day's 15:00 (Friday, or
    # the open day before a closed one) as the beat does (any other would be a 週次送付 no run made).
    cutoff = weekly_cutoff(timezone.now() - dt.timedelta(days=7))
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(stage_since=cutoff - dt.timedelta(hours=1))
    bundle = bundle_build(cutoff_at=cutoff, by=supervisor)
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    # Handed over and decided on the real date: the bundle is sealed now, whatever --as-of says (that
    # date sets ages and tax years; a hand-over before the seal or in the future is refused).
    today = timezone.localdate()
    bundle_hand_over(
        bundle=bundle, by=supervisor, sent_on=today, medium="cd_r", received_by="旭川年金事務所 国民年金課"
    )
    outcomes = [
        ("承認", None, ""),
        ("承認", None, ""),
        ("承認", "半額免除", ""),
        ("却下", "", "所得基準超過"),
        ("返戻", "", "申請書の署名漏れ"),
    ]  # the sixth case gets no line: it shows up as 結果のない送付案件
    lines = ["整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由"]
    for case, (decision, kind, reason) in zip(cases, outcomes, strict=False):
        app = case.exemption
        approved = decision == "承認"
        granted = (kind or ExemptionKind(app.kinds[0]).label) if approved else ""
        start = app.period_start.strftime("%Y-%m") if approved else ""
        end = app.period_end.strftime("%Y-%m") if approved else ""
        lines.append(f"{case.number},,{decision},{today.isoformat()},{granted},{start},{end},{reason}")
    done = demo_results_receive("demo-results.csv", ("\n".join(lines) + "\n").encode(), uploader=supervisor)
    ctx.count("送付 (週次)", "weekly bundles", 1)
    result_flows_count(ctx, "免除申請", "exemption", done)
