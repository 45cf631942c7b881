"""Demo 障害基礎年金 claims in every stage, made through the same service and step calls the screens use:
a referral to the 年金事務所, a 20歳前 claim, a 事後重症 claim, one waiting for its 診断書, and a bundle
of the week before last whose results came back (支給決定 2級, 不支給, 返戻)."""

import datetime as dt

from django.db import transaction

from cases.common.dates import add_months, month_start
from cases.common.identifiers.wareki import age_reached_on
from cases.demo.context import SeedContext
from cases.disability.assessment import ClaimFacts
from cases.disability.contribution import Period
from cases.disability.intake import disability_intake
from cases.disability.services import DisabilityInput
from cases.kernel.models import Case, CaseType
from cases.registry.models.residents import Resident
from cases.security.models.users import User
from workflows import engine
from workflows import steps as actions
from workflows.selectors import open_tasks_of_case
from workflows.start import case_start

STAFF = ("clerk-honcho", "clerk2-honcho", "supervisor-honcho")
CONDITIONS = ("うつ病", "統合失調症", "慢性腎不全", "脳出血による右片麻痺", "糖尿病性網膜症")
FORMS = {"うつ病": "120-4", "統合失調症": "120-4", "慢性腎不全": "120-6-2", "てんかん": "120-4"}
FORMS |= {"脳出血による右片麻痺": "120-3", "糖尿病性網膜症": "120-1"}
# (label, how far the claim goes, facts) — depth: 0 本人確認, 1 入力, 2 照合, 3 決裁, 4 送付待ち, 5 送付済;
# "documents": waits at 書類不備 for its 診断書.
PLAN = (
    ("年金事務所へ案内", "referral", {"status_at_first_visit": "category3"}),
    ("本人確認", 0, {}),
    ("入力 (事後重症)", 1, {"claim_basis": "post_onset", "years": 5}),
    ("照合 (基準障害)", 2, {"claim_basis": "standard", "years": 3}),
    ("書類不備 (診断書待ち)", "documents", {}),
    ("照合 (20歳前)", 2, {"pre20": True}),
    ("決裁", 3, {}),
    ("送付待ち", 4, {}),
    ("送付済・支給決定", 5, {}),
    ("送付済・不支給", 5, {}),
    ("送付済・返戻", 5, {}),
)
RESULTS = (
    ("支給決定", "", "2級"),
    ("不支給", "障害の程度が2級に該当しない", ""),
    ("返戻", "診断書の現症日が期間外", ""),
)


def _task(case: Case, user: User):
    task = open_tasks_of_case(process_id=case.process_id).first()
    if task.owner_id != user.pk:
        engine.task_claim(task_id=task.pk, user=user)
    return task


def _candidates(as_of: dt.date, *, youngest: int, oldest: int) -> list[Resident]:
    born_after = as_of.replace(year=as_of.year - oldest - 1)
    born_before = as_of.replace(year=as_of.year - youngest)
    return list(
        Resident.objects.filter(
            removed_on__isnull=True,
            pension__basic_pension_no__isnull=False,
            birth_date__gt=born_after,
            birth_date__lte=born_before,
        )
        .exclude(cases__isnull=False)
        .order_by("pk")[:40]
    )


def _facts(resident: Resident, as_of: dt.date, plan: dict, condition: str) -> ClaimFacts:
    if plan.get("pre20"):
        first_visit = age_reached_on(resident.birth_date, 16)  # seen at 16: 20歳前傷病
        status = "not_insured"
    else:
        first_visit = add_months(month_start(as_of), -12 * plan.get("years", 2)).replace(day=10)
        status = plan.get("status_at_first_visit", "category1")
    standard = plan.get("claim_basis") == "standard"  # 法30条の3: an older condition, graded together now
    return ClaimFacts(
        first_visit_on=first_visit,
        status_at_first_visit=status,
        claim_basis=plan.get("claim_basis", "recognition"),
        conditions=condition,
        first_clinic="旭川市内の医療機関",
        certificate_forms=[FORMS[condition]],
        other_first_visit_on=add_months(first_visit, -72) if standard else None,
        standard_graded_on=as_of - dt.timedelta(days=20) if standard else None,
    )


def _entered(case: Case, *, received: bool) -> DisabilityInput:
    claim = case.disability
    birth = case.resident.birth_date
    start = month_start(age_reached_on(birth, 20))
    end = add_months(month_start(claim.first_visit_on), -2)
    periods = [Period(start, end, "paid")] if start <= end and claim.route != "pre20" else []
    current_on = {
        ("certificate_recognition" if row["anchor"] == "recognition_date" else "certificate_claim"): (
            dt.date.fromisoformat(row["first"]) + dt.timedelta(days=7)
        )
        for row in claim.assessment["certificates"]
    }
    pending = [item.code for item in case.checklist.all() if not item.settled]
    return DisabilityInput(
        facts=ClaimFacts.of(claim),
        current_on=current_on if received else {},
        periods=periods,
        insured_at_first_visit=claim.status_at_first_visit != "not_insured",
        contribution_confirmed=True,
        received=pending if received else ["medical_history", "pension_no", "bank_account"],
    )


def _drive(case: Case, depth, staff: tuple[User, User, User]) -> None:
    clerk, clerk2, supervisor = staff
    if depth in ("referral", 0):
        return
    actions.identity_record(task_id=_task(case, clerk).pk, user=clerk, documents=["mynumber_card"])
    if depth == "documents":
        case.refresh_from_db()
        actions.input_papers_request(
            task_id=_task(case, clerk).pk,
            user=clerk,
            data=_entered(case, received=False),
            note="主治医に診断書を依頼中",
        )
        return
    if depth >= 2:
        case.refresh_from_db()
        actions.input_save(task_id=_task(case, clerk).pk, user=clerk, data=_entered(case, received=True))
    if depth >= 3:
        actions.cross_check(task_id=_task(case, clerk2).pk, user=clerk2, matches=True)
    if depth >= 4:
        actions.approval(task_id=_task(case, supervisor).pk, user=supervisor, approved=True, reason="デモ")


def seed_claims(ctx: SeedContext) -> None:
    if not ctx.with_cases:
        return
    if Case.objects.filter(case_type=CaseType.DISABILITY).exists():
        ctx.notify("障害基礎年金の請求は既にあります。デモの請求の作成を省略します。")
        return
    staff = {user.username: user for user in User.objects.filter(username__in=STAFF)}
    if len(staff) != len(STAFF):
        return
    clerk, clerk2, supervisor = (staff[name] for name in STAFF)
    rng = ctx.rng("disability")
    adults = _candidates(ctx.as_of, youngest=28, oldest=58)
    young = _candidates(ctx.as_of, youngest=21, oldest=30)
    rng.shuffle(adults)
    sent = []
    for label, depth, plan in PLAN:
        pool = young if plan.get("pre20") else adults
        resident = next((r for r in pool if not r.cases.exists()), None)
        if resident is None:
            continue
        condition = "てんかん" if plan.get("pre20") else rng.choice(CONDITIONS)
        with transaction.atomic():
            case = case_start(
                case_type=CaseType.DISABILITY,
                intake=lambda r=resident, p=plan, c=condition: disability_intake(
                    actor=clerk, resident=r, received_on=ctx.as_of, facts=_facts(r, ctx.as_of, p, c)
                ),
            )
            _drive(case, depth, (clerk, clerk2, supervisor))
        ctx.count(f"障害基礎年金 請求 ({label})", f"disability claims ({label})", 1)
        if depth == 5:
            sent.append(case)
    if sent:
        from workflows.demo_results import result_flows_count

        result_flows_count(
            ctx, "障害基礎年金", "disability claim", _send_and_receive(sent, supervisor, clerk)
        )


def _send_and_receive(cases: list[Case], supervisor: User, clerk: User) -> int:
    """The bundle of the week before last, sealed and handed over, and 機構's answers back (their flows
    completed in-process: returns how many)."""
    from workflows.demo_results import demo_bundle_sent, demo_results_receive

    today = demo_bundle_sent(cases, supervisor, weeks_ago=2)
    lines = ["整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由,等級"]
    for case, (decision, reason, grade) in zip(cases, RESULTS, strict=False):
        lines.append(f"{case.number},,{decision},{today.isoformat()},,,,{reason},{grade}")
    return demo_results_receive(
        "demo-disability-results.csv", ("\n".join(lines) + "\n").encode(), uploader=supervisor
    )
