"""One demo exemption case: who may apply (applicants the real intake takes), its intake, and the steps
the screens take on it (本人確認, 入力, 照合, 決裁), through the same step calls. The demo's cases in every
stage are workflows/demo.py; bench/load/seed.py builds its backlog with these too."""

import datetime as dt
from collections.abc import Callable
from itertools import islice

from cases.common.codes import ExemptionKind, InsuredKind
from cases.exemption import services as svc
from cases.exemption.ages import first_category1_month, last_category1_month
from cases.exemption.deferral import deferral_cap
from cases.exemption.income_attachment import exemption_income_attach
from cases.exemption.membership import VOLUNTARY_KINDS
from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
from cases.exemption.request import ExemptionRequest
from cases.kernel.models import Case, CaseType
from cases.registry.models.pension import Qualification
from cases.registry.models.residents import Resident
from cases.security.models.users import User
from workflows import engine
from workflows import steps as actions
from workflows.resume import flows_resume
from workflows.selectors import open_tasks_of_case
from workflows.start import case_start

KIND_CHOICES = (
    ["full", "three_quarters", "half", "quarter"],
    ["full", "deferral"],
    ["half", "quarter"],
    ["full"],
)
# One 決裁 and one 書類不備 case were received this long ago and have waited since, so the desks show an
# escalated approval (more than 3 business days) and a missed document deadline (10 business days)
# instead of always-empty lists.
LATE = dt.timedelta(days=28)


def demo_period(as_of: dt.date) -> tuple[dt.date, dt.date]:
    return fiscal_year_bounds(fiscal_year_of(as_of, student=False), student=False)


def demo_applicants(count: int, as_of: dt.date) -> list[Resident]:
    # 任意加入 members cannot apply for any exemption (法附則5条10項): the intake refuses them. Only a
    # 第1号被保険者's premiums are exempted (法90条 etc.): a 第2号 employee's application would reach
    # 送付待ち with no month of its period to exempt, as its case page says. The intake also refuses
    # months before the 20歳 month or from the 60歳 month (法8条1号, 9条3号): the whole year asked for,
    # the late cases' year before included, lies inside the applicant's 20s to 50s.
    voluntary = Qualification.objects.filter(insured_kind__in=VOLUNTARY_KINDS, lost_on__isnull=True)
    first = Qualification.objects.filter(insured_kind=InsuredKind.FIRST, lost_on__isnull=True)
    earliest, _end = demo_period(as_of - LATE)
    _start, latest = demo_period(as_of)
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


def demo_task(case: Case, user: User):
    task = open_tasks_of_case(process_id=case.process_id).first()
    if task.owner_id != user.pk:
        engine.task_claim(task_id=task.pk, user=user)
    return task


def demo_steps(clerk: User, clerk2: User, supervisor: User) -> list[Callable[[Case], None]]:
    def verify(case: Case) -> None:
        actions.identity_record(task_id=demo_task(case, clerk).pk, user=clerk, documents=["mynumber_card"])

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
        actions.input_save(task_id=demo_task(case, clerk).pk, user=clerk, data=entered)
        # The attachment job runs after commit; the demo wants it done before the next step.
        exemption_income_attach(case_ids=[case.pk])
        flows_resume([case.pk], "attach_income")

    def cross_check(case: Case) -> None:
        actions.cross_check(task_id=demo_task(case, clerk2).pk, user=clerk2, matches=True)

    def approve(case: Case) -> None:
        actions.approval(
            task_id=demo_task(case, supervisor).pk, user=supervisor, approved=True, reason="デモ"
        )

    return [verify, enter, cross_check, approve]


def demo_intake(clerk: User, resident: Resident, kinds: list[str], as_of: dt.date) -> Case:
    start, end = demo_period(as_of)
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
