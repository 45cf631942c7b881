"""Exemption cases in every stage, made through the same services and engine calls the screens use, so
a newcomer opening the desk finds work in inboxes and queues, waiting approvals, bundles and results."""

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from cases.codes import ExemptionKind
from cases.exemption_periods import fiscal_year_bounds, fiscal_year_of
from cases.models import Case, Resident, User
from cases.services import exemption as svc
from cases.services.exemption_request import ExemptionRequest
from cases.services.income_attachment import exemption_income_attach

from .context import SeedContext

# How many cases end in each stage; (stage label for the summary, count, steps to run)
STAGES = (
    ("送付済・結果受領", 6, 5),
    ("本人確認", 3, 0),
    ("書類不備", 2, 1),
    ("入力", 3, 2),
    ("照合", 3, 3),
    ("決裁", 3, 4),
    ("送付待ち", 4, 5),
    ("取下げ", 1, -1),
)
KIND_CHOICES = (
    ["full", "three_quarters", "half", "quarter"],
    ["full", "deferral"],
    ["half", "quarter"],
    ["full"],
)


def _period(as_of: dt.date) -> tuple[dt.date, dt.date]:
    return fiscal_year_bounds(fiscal_year_of(as_of, student=False), student=False)


def _applicants(count: int) -> list[Resident]:
    return list(
        Resident.objects.filter(
            removed_on__isnull=True, pension__basic_pension_no__isnull=False, household_no__isnull=False
        )
        .exclude(cases__isnull=False)
        .order_by("pk")[: count * 4]
    )


def _staff() -> dict[str, User]:
    names = ["clerk-honcho", "clerk2-honcho", "supervisor-honcho", "clerk-kamui", "supervisor-kamui"]
    return {user.username: user for user in User.objects.filter(username__in=names)}


def _steps(staff: dict[str, User], as_of: dt.date) -> list[Callable[[Case], None]]:
    from workflows import engine
    from workflows.exemption import exemption_income_attached
    from workflows.selectors import open_tasks_of_case

    clerk, clerk2, supervisor = staff["clerk-honcho"], staff["clerk2-honcho"], staff["supervisor-honcho"]
    start, end = _period(as_of)

    def task(case: Case):
        return open_tasks_of_case(process_id=case.process_id).first()

    def claim(case: Case, user: User):
        current = task(case)
        if current.owner_id != user.pk:
            engine.task_claim(task_id=current.pk, user=user)
        return current

    def verify(case: Case) -> None:
        t = claim(case, clerk)
        engine.task_complete(
            task_id=t.pk,
            user=clerk,
            work=lambda c: svc.exemption_identity_record(case=c, actor=clerk, documents=["mynumber_card"]),
        )

    def enter(case: Case) -> None:
        t = claim(case, clerk)
        resident = case.resident

        def work(c):
            svc.exemption_input_save(
                case=c,
                actor=clerk,
                request=ExemptionRequest(kinds=list(c.exemption.kinds), period_start=start, period_end=end),
                declared={
                    "declared_kana_name": resident.kana_name,
                    "declared_kanji_name": resident.kanji_name,
                    "declared_birth_date": resident.birth_date,
                    "declared_address": resident.address,
                },
                spouse=None,
                householder=None,
                household_confirmed=True,
            )

        engine.task_complete(task_id=t.pk, user=clerk, work=work)
        exemption_income_attach(case_ids=[case.pk])
        exemption_income_attached(case_id=case.pk)

    def cross_check(case: Case) -> None:
        t = claim(case, clerk2)
        engine.task_complete(
            task_id=t.pk,
            user=clerk2,
            work=lambda c: svc.exemption_cross_check(case=c, actor=clerk2, matches=True),
        )

    def approve(case: Case) -> None:
        t = claim(case, supervisor)
        engine.task_complete(
            task_id=t.pk,
            user=supervisor,
            work=lambda c: svc.exemption_approval(case=c, actor=supervisor, approved=True, reason="デモ"),
        )

    return [verify, enter, cross_check, approve]


def seed_cases(ctx: SeedContext) -> None:
    from workflows import engine
    from workflows.exemption import ExemptionFlow
    from workflows.selectors import open_tasks_of_case

    if not ctx.with_cases:
        return
    if Case.objects.exists():
        ctx.notify("案件は既にあります。デモ案件の作成を省略します。")
        return
    staff = _staff()
    if "clerk-honcho" not in staff:
        return
    rng = ctx.rng("cases")
    applicants = _applicants(sum(n for _label, n, _steps in STAGES))
    rng.shuffle(applicants)
    start, end = _period(ctx.as_of)
    steps = _steps(staff, ctx.as_of)
    clerk = staff["clerk-honcho"]
    made, sent_group = 0, []
    for label, count, depth in STAGES:
        for _ in range(count):
            if not applicants:
                break
            resident = applicants.pop()
            with transaction.atomic():
                case = svc.exemption_intake(
                    actor=clerk,
                    resident=resident,
                    received_on=ctx.as_of,
                    request=ExemptionRequest(
                        kinds=rng.choice(KIND_CHOICES), period_start=start, period_end=end
                    ),
                )
                ExemptionFlow.start.run(case=case)
                if depth == 1 or depth == -1:  # ID not shown: waiting for documents (and one withdrawn)
                    t = open_tasks_of_case(process_id=case.process_id).first()
                    engine.task_complete(
                        task_id=t.pk,
                        user=clerk,
                        work=lambda c: svc.exemption_identity_record(
                            case=c, actor=clerk, documents=["drivers_licence"]
                        ),
                    )
                    if depth == -1:
                        t = open_tasks_of_case(process_id=case.process_id).first()
                        engine.task_claim(task_id=t.pk, user=clerk)
                        engine.task_complete(
                            task_id=t.pk,
                            user=clerk,
                            work=lambda c: svc.exemption_documents_outcome(
                                case=c, actor=clerk, received=False, comment="申請者より取下げの申出"
                            ),
                        )
                else:
                    for step in steps[: max(depth - 1, 0)]:
                        case.refresh_from_db()
                        step(case)
            made += 1
            if label.startswith("送付済"):
                sent_group.append(case)
        ctx.count(f"免除申請 ({label})", f"exemption cases ({label})", count)
        if sent_group and label.startswith("送付済"):
            _send_and_receive_results(sent_group, staff, ctx)
    ctx.notify(f"デモ案件 {made} 件を作成しました。")


def _send_and_receive_results(cases: list[Case], staff: dict[str, User], ctx: SeedContext) -> None:
    """Last week's bundle: sealed and handed over, and 機構's list already back for most of it."""
    from cases.services.bundle_seal import bundle_seal
    from cases.services.bundles import bundle_build, bundle_hand_over
    from cases.services.results import results_import

    supervisor, clerk = staff["supervisor-honcho"], staff["clerk-honcho"]
    # These were "approved last week": the bundle takes cases approved by its cut-off.
    week_ago = timezone.now() - dt.timedelta(days=7)
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(stage_since=week_ago)
    bundle = bundle_build(cutoff_at=week_ago + dt.timedelta(hours=1), by=supervisor)
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    bundle_hand_over(bundle=bundle, by=supervisor, sent_on=ctx.as_of)
    decided = ctx.as_of.isoformat()
    lines = ["整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由"]
    for case, (decision, kind, reason) in zip(
        cases,
        [
            ("承認", None, ""),
            ("承認", None, ""),
            ("承認", "半額免除", ""),
            ("却下", "", "所得基準超過"),
            ("返戻", "", "申請書の署名漏れ"),
        ],
        strict=False,
    ):
        app = case.exemption
        granted = kind if kind is not None else ExemptionKind(app.kinds[0]).label
        start = app.period_start.strftime("%Y-%m") if decision == "承認" else ""
        end = app.period_end.strftime("%Y-%m") if decision == "承認" else ""
        lines.append(
            f"{case.number},,{decision},{decided},{granted if decision == '承認' else ''},{start},{end},{reason}"
        )
    results_import(filename="demo-results.csv", data=("\n".join(lines) + "\n").encode(), by=clerk)
    ctx.count("送付 (週次)", "weekly bundles", 1)
