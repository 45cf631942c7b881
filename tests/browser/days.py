"""A day at the counter, per case type, as people do it in the browser. Each case type registers its
steps in DAYS (its code → a function that takes one case from 受付 to where the weekly bundle or the
answer takes over); tests/browser/test_day.py runs every registered type and fails on a type without
one, so a new case type brings its browser day along (see docs/manual/README.md for the pictures).

A step function gets the browser, the staff of the day (tests/browser/conftest.staff) and an
applicant, and returns the case's 整理番号; it leaves the browser logged in as anyone.
"""

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from cases.common.codes import AcquisitionReason, InsuredKind
from cases.common.identifiers.eras import era_of
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.kernel.models import Case, CaseType
from cases.registry.models.pension import Qualification
from cases.registry.models.residents import Resident
from tests.browser.browser import Browser
from tests.disability import helpers as disability
from tests.results.conftest import line as exemption_answer
from tests.workflows.helpers import current_period

# Applicants of the day (the factories' residents all share one name).
NAMES = [
    ("山田 太郎", "ヤマダ タロウ"),
    ("佐藤 花子", "サトウ ハナコ"),
    ("鈴木 一郎", "スズキ イチロウ"),
    ("高橋 美咲", "タカハシ ミサキ"),
    ("田中 健", "タナカ ケン"),
    ("伊藤 さくら", "イトウ サクラ"),
    ("渡辺 翔", "ワタナベ ショウ"),
    ("中村 恵", "ナカムラ メグミ"),
]


def named(resident: Resident, kanji: str, kana: str) -> Resident:
    resident.kanji_name, resident.kana_name = kanji, kana
    resident.kanji_search, resident.kana_search = normalize_kanji(kanji), normalize_kana(kana)
    resident.save(update_fields=["kanji_name", "kana_name", "kanji_search", "kana_search"])
    return resident


def _case_number(b: Browser) -> str:
    """The 整理番号 a task screen or the case page shows in its heading."""
    for word in b.heading.replace("・", " ").split():
        if len(word) == 11 and word[4] == "-" and word.replace("-", "").isdigit():
            return word
    raise AssertionError(f"no 整理番号 in 「{b.heading}」")


def typed(day: dt.date) -> str:
    """A date as a clerk types it from a form written in 和暦: R6.12.3."""
    era = era_of(day)
    return f"{era.letter}{day.year - era.start.year + 1}.{day.month}.{day.day}"


def find_applicant(b: Browser, resident: Resident, *, shot: str = "") -> None:
    b.open("/intake/")
    assert b.focused_name() == "kana", "受付 starts in its first field (no Tab presses through the menu)"
    b.fill("kana", resident.kana_name)
    b.press("検索")
    b.sees(resident.kanji_name)
    if shot:
        b.shot(shot)


def claim_from_queue(b: Browser, number: str, *, stage: str = "", shot: str = "") -> None:
    """The office queue, narrowed to a stage, then 担当する on the case's row."""
    b.open("/desk/queue/" + (f"?stage={stage}" if stage else ""))
    b.sees(number)
    if shot:
        b.shot(shot)
    row = b.driver.find_element("xpath", f"//tr[.//a[normalize-space()='{number}']]")
    b.press("担当する", within=row)


# --- 免除・納付猶予申請 ------------------------------------------------------------------------------


def exemption_day(b: Browser, staff: dict, resident: Resident, *, shots: bool = False) -> str:
    # 機構's 資格情報 extract shows the applicant 第1号 since turning 20 (an exemption covers 第1号
    # months only, 法90条): without it the 入力 screen rightly warns that the months are not 第1号.
    birth = resident.birth_date
    Qualification.objects.create(
        pension=resident.pension,
        insured_kind=InsuredKind.FIRST,
        acquired_on=birth.replace(year=birth.year + 20) - dt.timedelta(days=1),
        acquired_reason=AcquisitionReason.AGE_20,
    )
    start, end = current_period()
    b.login(staff["clerk"].username)
    if shots:
        b.shot("10_desk_home_clerk")
    find_applicant(b, resident, shot="11_intake_search" if shots else "")
    b.click_link("免除申請を受け付ける")
    assert b.focused_name(), "the intake form starts in a field"
    b.choose("kind_1", "full")
    b.choose("kind_2", "half")
    b.fill("period_start", f"{start:%Y-%m}")
    b.fill("period_end", f"{end:%Y-%m}")
    if shots:
        b.shot("12_intake_exemption")
    b.press("受け付ける")
    # Straight on to 本人確認 of the new case: no detour through the inbox.
    assert "本人確認" in b.heading, b.heading
    number = _case_number(b)
    b.sees(f"整理番号 {number} で受け付けました")
    if shots:
        b.shot("13_verify_identity")
    b.tick("documents", "mynumber_card")
    b.press("本人確認を記録")
    assert "入力" in b.heading and number in b.heading, b.heading
    b.sees("続けて「入力」を行ってください")
    b.fill("declared_kana_name", resident.kana_name)
    b.fill("declared_kanji_name", resident.kanji_name)
    b.fill("declared_birth_date", resident.birth_date.isoformat())
    b.fill("declared_address", resident.address)
    b.tick("household_confirmed")
    if shots:
        b.shot("14_enter_data")
    b.press("入力を保存して照合へ")
    b.sees("入力を保存しました")

    # 照合 by a second clerk (the inputter never sees it in the queue).
    b.login(staff["clerk2"].username)
    claim_from_queue(b, number, stage="cross_check", shot="15_queue_cross_check" if shots else "")
    assert "照合" in b.heading, b.heading
    if shots:
        b.shot("16_cross_check")
    b.tick("decision", "match")
    b.press("照合結果を記録")

    # 決裁 by the 係長.
    b.login(staff["supervisor"].username)
    claim_from_queue(b, number, stage="approval")
    assert "決裁" in b.heading, b.heading
    if shots:
        b.shot("17_approve")
    b.tick("decision", "approve")
    b.press("決裁を記録")
    b.sees("決裁を記録しました")
    return number


# --- 開示・訂正・利用停止請求 -------------------------------------------------------------------------


def request_day(b: Browser, staff: dict, resident: Resident, *, shots: bool = False) -> str:
    """An 開示請求 from the counter to its answer (the request flow settles at the city)."""
    b.login(staff["clerk"].username)
    find_applicant(b, resident)
    b.click_link("開示・訂正・利用停止の請求")
    b.tick("case_type", CaseType.DISCLOSURE)
    b.tick("identity_documents", "drivers_licence")
    b.fill("content", "市が保有している私の国民年金の情報")
    if shots:
        b.shot("20_intake_request")
    b.press("受け付ける")
    assert "対応" in b.heading, b.heading  # straight on to 対応
    number = _case_number(b)
    b.tick("decision", "grant")
    b.press("対応を記録 (決裁へ)")

    b.login(staff["supervisor"].username)
    claim_from_queue(b, number, stage="approval")
    b.press("開示報告書を作成")
    b.sees("開示報告書を作成しました")
    b.tick("decision", "approve")
    if shots:
        b.shot("21_approve_request")
    b.press("決裁を記録")

    b.login(staff["clerk"].username)
    b.open("/desk/inbox/")
    row = b.driver.find_element("xpath", f"//tr[.//a[normalize-space()='{number}']]")
    b.click_link("作業する", within=row)
    b.fill("outcome", "開示報告書を窓口で手渡し")
    b.fill("answered_on", timezone.localdate().isoformat())
    b.press("回答を記録して完了")
    b.sees("回答を記録し、請求を完了しました")
    return number


# --- 障害基礎年金 請求 ---------------------------------------------------------------------------------


def _identity_then_input(b: Browser, *, shot: str = "") -> str:
    """本人確認 of a case just taken (the screen the intake went straight on to) → its 入力."""
    assert "本人確認" in b.heading, b.heading
    number = _case_number(b)
    b.sees(f"整理番号 {number} で受け付けました")
    if shot:
        b.shot(shot)
    b.tick("documents", "mynumber_card")
    b.press("本人確認を記録")
    assert "入力" in b.heading and number in b.heading, b.heading
    return number


def _cross_check_and_approve(
    b: Browser, staff: dict, number: str, *, cross_check_shot: str = "", approve_shot: str = ""
) -> None:
    """照合 by the second clerk, then 決裁 by the 係長, each taken from the office queue."""
    b.login(staff["clerk2"].username)
    claim_from_queue(b, number, stage="cross_check")
    assert "照合" in b.heading, b.heading
    if cross_check_shot:
        b.shot(cross_check_shot)
    b.tick("decision", "match")
    b.press("照合結果を記録")
    b.login(staff["supervisor"].username)
    claim_from_queue(b, number, stage="approval")
    assert "決裁" in b.heading, b.heading
    if approve_shot:
        b.shot(approve_shot)
    b.tick("decision", "approve")
    b.press("決裁を記録")
    b.sees("決裁を記録しました")


def disability_day(b: Browser, staff: dict, resident: Resident, *, shots: bool = False) -> str:
    """A 第1号 claimant first seen by a doctor two years ago claims from the 障害認定日 (法30条). The
    resident needs nothing more than the day's applicant has (a 基礎年金番号): the 納付状況 is what the
    clerk copies from 社会保険オンラインシステム into the 入力 screen — every month paid from the 20歳
    month to the month before last before the 初診日, so the 保険料納付要件 (法30条1項但書) is met."""
    b.login(staff["clerk"].username)
    find_applicant(b, resident)
    b.click_link("障害基礎年金の請求")
    assert b.focused_name() == "first_visit_on", "the intake starts in the claim's first field"
    first_visit = disability.years_ago(2)
    b.fill("first_visit_on", typed(first_visit))
    b.fill("first_clinic", "旭川こころのクリニック")
    b.choose("status_at_first_visit", "category1")
    b.fill("conditions", "うつ病")
    b.tick("certificate_forms", "120-4")
    b.tick("claim_basis", "recognition")
    # The routing check first: nothing is saved, the answer heads the page.
    b.press("判定する")
    b.sees("市で受理できます", "認定日請求")
    if shots:
        b.shot("70_intake_disability")
    b.press("受け付ける")
    number = _identity_then_input(b, shot="71_verify_disability" if shots else "")

    # 入力: the claim as written is already there; the clerk adds the 現症日 of the 診断書, the 納付状況
    # and ticks the papers handed over.
    case = Case.objects.get(number=number)
    for code, day in disability.inside_windows(case).items():
        b.fill(f"current_on_{code}", typed(day))
    (paid,) = disability.paid_since_20(case)
    b.fill("periods-0-start", f"{paid.start:%Y-%m}")
    b.fill("periods-0-end", f"{paid.end:%Y-%m}")
    b.choose("periods-0-status", "paid")
    b.tick("insured_at_first_visit")
    b.tick("contribution_confirmed")
    for box in b.driver.find_elements("css selector", 'input[name="received"]'):
        if not box.is_selected():
            box.click()
    if shots:
        b.shot("72_enter_disability")
    b.press("入力を保存して照合へ")
    b.sees("入力を保存しました")
    _cross_check_and_approve(
        b,
        staff,
        number,
        cross_check_shot="73_cross_check_disability" if shots else "",
        approve_shot="74_approve_disability" if shots else "",
    )
    return number


# --- 資格届出 (第1号) ----------------------------------------------------------------------------------


def qualification_day(b: Browser, staff: dict, resident: Resident, *, shots: bool = False) -> str:
    """The commonest filing at the counter: a company employee whose last day at work was five days
    ago becomes 第1号 (種別変更, 則6条の2). The records must show the 第2号 period the filing ends, so the
    day gives the applicant one (what 機構's 資格情報 extract would hold) before the person comes in."""
    Qualification.objects.create(
        pension=resident.pension,
        insured_kind=InsuredKind.SECOND,
        acquired_on=dt.date(2018, 4, 1),
        acquired_reason=AcquisitionReason.OTHER,
    )
    left = timezone.localdate() - dt.timedelta(days=5)
    b.login(staff["clerk"].username)
    find_applicant(b, resident)
    b.click_link("資格届出を受け付ける")
    assert b.focused_name() == "received_on", "the intake starts in its first field"
    b.choose("kind", "kind_change")
    b.choose("event", "leave_employee_pension")
    b.fill("event_date", typed(left))
    # 「計算」 shows the date the 第1号 period starts, with its article, and the deadlines: nothing saved.
    b.press("計算")
    b.sees("計算結果 (まだ保存していません)", "則6条の2")
    if shots:
        b.shot("80_intake_qualification")
    b.press("受け付ける")
    number = _identity_then_input(b)
    if shots:
        b.shot("81_enter_qualification")
    b.press("入力を保存して照合へ")
    b.sees("入力を保存しました")

    # The 離職票 the person brought: recorded on the case page (照合 needs the required papers).
    case = Case.objects.get(number=number)
    b.open(f"/cases/{case.pk}/")
    row = b.driver.find_element("xpath", "//section[@id='checklist']//tr[contains(., '離職票')]")
    b.choose("state", "received", within=row)
    b.press("記録", within=row)
    b.sees("を「受領」にしました")
    if shots:
        b.shot("82_checklist_qualification")
    _cross_check_and_approve(
        b,
        staff,
        number,
        cross_check_shot="83_cross_check_qualification" if shots else "",
        approve_shot="84_approve_qualification" if shots else "",
    )
    return number


# case type → its day. Every registered case type needs one (test_day.py checks).
DAYS: dict[str, Callable[..., str]] = {
    CaseType.EXEMPTION: exemption_day,
    CaseType.DISCLOSURE: request_day,
    CaseType.DISABILITY: disability_day,
    CaseType.QUALIFICATION: qualification_day,
}
# Types that share a flow with one above and whose browser day is that one's.
SAME_DAY_AS = {CaseType.CORRECTION: CaseType.DISCLOSURE, CaseType.SUSPENSION: CaseType.DISCLOSURE}


# --- 機構's answer -------------------------------------------------------------------------------------

# The 処理結果一覧表 (docs/formats/results.md) with the optional 等級 column, which a 障害基礎年金
# 支給決定 needs and every other line leaves blank.
RESULTS_HEADER = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由,等級"


def _plain_answer(case: Case, decision: str, grade: str = "") -> str:
    decided_on = timezone.localdate().isoformat()  # the day of the hand-over: never before it
    return ",".join([case.number, "", decision, decided_on, "", "", "", "", grade])


# case type → 機構's favourable answer to one of its cases, as a line of RESULTS_HEADER: an exemption is
# granted what the results fixture grants (全額免除 for its period), a claim is paid at 2級 (法30条2項),
# a filing is confirmed (承認). Every type that goes to 機構 needs one (test_day.py checks).
ANSWERS: dict[str, Callable[[Case], str]] = {
    CaseType.EXEMPTION: lambda case: (
        exemption_answer(case, decided_on=timezone.localdate().isoformat()) + ","
    ),
    CaseType.DISABILITY: lambda case: _plain_answer(case, "支給決定", "2級"),
    CaseType.QUALIFICATION: lambda case: _plain_answer(case, "承認"),
}
