"""The city of the city-year benchmark: one office's staff, one applicant per case (what the 住民記録 and
機構's extracts would hold for them), and the year's plan — which type each case is, the week it comes
to the counter and what happens to it on the way (書類不備, 差戻し, 返戻, 却下, 取下げ).

Residents and their records are registry data that the resident import and the 機構 extracts load in a
real installation; they are bulk-created here and timed apart from the case stages.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

WEEKS = 52
# Of the year's cases: the type mix of a city desk (exemptions dominate, 障害基礎年金 claims are rare).
TYPE_SHARES = (("exemption", 0.55), ("qualification", 0.40), ("disability", 0.05))
# What happens to a case on the way, as shares of all cases; the rest go straight through.
EVENT_SHARES = (
    ("papers", 0.06),  # 本人確認 incomplete → 書類不備, papers come the next week, resumed
    ("cross_back", 0.04),  # 照合 finds a mismatch → 差戻し to 入力
    ("approval_back", 0.02),  # 決裁 sends it back → 差戻し to 入力
    ("returned", 0.02),  # 機構 returns it (返戻) → 入力 again, sent in the next bundle
    ("rejected", 0.03),  # 機構 refuses it (却下, exemptions only; others go through)
    ("withdraw_papers", 0.01),  # 書類不備, then the applicant withdraws instead of bringing papers
    ("withdraw_input", 0.01),  # 取下げ at 入力
)
# Cases that trigger an event come to the counter before the last weeks, so that the detour ends (papers
# a week later, a second bundle after a 返戻) inside the year's 52 bundles.
LAST_EVENT_WEEK = WEEKS - 3


@dataclass
class Plan:
    index: int
    case_type: str
    week: int
    event: str = ""
    resident_id: int = 0
    case_id: int = 0
    done: set = field(default_factory=set)  # events already played (each happens once)

    @property
    def withdrawn(self) -> bool:
        return self.event in ("withdraw_papers", "withdraw_input")


def year_plan(count: int, *, seed: int = 15) -> list[Plan]:
    """`count` cases spread evenly over the weeks, types and events drawn with a fixed seed."""
    rng = random.Random(seed)
    plans = []
    for index in range(count):
        week = index * WEEKS // count
        case_type = _draw(rng, TYPE_SHARES)
        event = _draw(rng, EVENT_SHARES, rest="") if week <= LAST_EVENT_WEEK else ""
        if event == "rejected" and case_type != "exemption":
            event = ""
        plans.append(Plan(index=index, case_type=case_type, week=week, event=event))
    if count < 200:
        _every_event_once(plans)
    return plans


def _draw(rng: random.Random, shares, rest=None):
    roll, total = rng.random(), 0.0
    for value, share in shares:
        total += share
        if roll < total:
            return value
    return shares[-1][0] if rest is None else rest


def _every_event_once(plans: list[Plan]) -> None:
    """A short run would miss most events by chance: its first cases get each event once, on the
    three types in turn (却下 on an exemption), so that it still takes every detour."""
    types = ["exemption", "qualification", "disability"]
    early = [p for p in plans if p.week <= LAST_EVENT_WEEK]
    for n, (plan, (event, _share)) in enumerate(zip(early, EVENT_SHARES, strict=False)):
        plan.event = event
        plan.case_type = "exemption" if event == "rejected" else types[n % len(types)]
    for plan in early[len(EVENT_SHARES) :]:
        plan.event = ""


def staff(office):
    """Four clerks and two 係長 of one office: whoever inputs a case, another clerk cross-checks it and a
    係長 approves; one 係長 uploads 機構's results and the other confirms them (issue 11)."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from cases.security.models.users import User
    from cases.security.roles import ROLES_BY_CODE

    def user(name: str, role: str) -> User:
        created = User.objects.create_user(
            username=name,
            password="bench-only-password-1",
            office=office,
            password_changed_at=timezone.now(),
        )
        created.groups.add(Group.objects.get(name=ROLES_BY_CODE[role].group))
        return created

    clerks = [user(f"city-clerk{n}", "clerk") for n in range(1, 5)]
    supervisors = [user(f"city-sv{n}", "supervisor") for n in range(1, 3)]
    return clerks, supervisors


def residents_create(plans: list[Plan], *, fiscal_start: dt.date) -> None:
    """One applicant per case with a 基礎年金番号; exemption applicants with their income for the
    period's two tax years, qualification applicants with the open 第2号 period their filing ends."""
    from cases.common.codes import AcquisitionReason, InsuredKind
    from cases.registry.models.income import IncomeRecord
    from cases.registry.models.pension import PensionRecord, Qualification
    from cases.registry.models.residents import Resident

    kana = ["サトウ ヒロシ", "スズキ ヨウコ", "タカハシ マコト", "ワタナベ ミサキ", "ヤマモト ダイスケ"]
    kanji = ["佐藤　博", "鈴木　洋子", "髙橋　誠", "渡邊　美咲", "山本　大輔"]
    for start in range(0, len(plans), 5000):
        chunk = plans[start : start + 5000]
        residents = Resident.objects.bulk_create(
            Resident(
                atena_no=f"{300_000_000 + p.index}",
                kana_name=kana[p.index % 5],
                kanji_name=kanji[p.index % 5],
                kana_search=kana[p.index % 5].replace(" ", ""),
                kanji_search=kanji[p.index % 5].replace("　", ""),
                birth_date=dt.date(1985, 1, 1) + dt.timedelta(days=p.index % 4000),
                sex="1" if p.index % 2 else "2",
                household_no=f"{200_000_000 + p.index}",
                is_householder=True,
                relationship="世帯主",
                address=f"北海道旭川市神居{p.index % 9 + 1}条{p.index % 20 + 1}丁目",
            )
            for p in chunk
        )
        pensions = PensionRecord.objects.bulk_create(
            PensionRecord(resident=r, basic_pension_no=f"{6_000_000_000 + p.index}")
            for p, r in zip(chunk, residents, strict=True)
        )
        for plan, resident in zip(chunk, residents, strict=True):
            plan.resident_id = resident.pk
        IncomeRecord.objects.bulk_create(
            IncomeRecord(personal_code=r.atena_no, tax_year=year, total_income=500_000)
            for p, r in zip(chunk, residents, strict=True)
            if p.case_type == "exemption"
            for year in (fiscal_start.year - 1, fiscal_start.year)
        )
        Qualification.objects.bulk_create(
            Qualification(
                pension=pension,
                insured_kind=InsuredKind.SECOND,
                acquired_on=dt.date(2013, 4, 1),
                acquired_reason=AcquisitionReason.OTHER,
            )
            for p, pension in zip(chunk, pensions, strict=True)
            if p.case_type == "qualification"
        )
