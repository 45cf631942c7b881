"""A day at the counter, per case type, as people do it in the browser. Each case type registers its
steps in DAYS (its code → a function that takes one case from 受付 to where the weekly bundle or the
answer takes over); tests/browser/test_day.py runs every registered type and fails on a type without
one, so a new case type brings its browser day along (see docs/manual/README.md for the pictures).

A step function gets the browser, the staff of the day (tests/browser/conftest.staff) and an
applicant, and returns the case's 整理番号; it leaves the browser logged in as anyone.
"""

from collections.abc import Callable

from django.utils import timezone

from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.kernel.models import CaseType
from cases.registry.models.residents import Resident
from tests.browser.browser import Browser
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


# case type → its day. Every registered case type needs one (test_day.py checks).
DAYS: dict[str, Callable[..., str]] = {
    CaseType.EXEMPTION: exemption_day,
    CaseType.DISCLOSURE: request_day,
}
# Types that share a flow with one above and whose browser day is that one's.
SAME_DAY_AS = {CaseType.CORRECTION: CaseType.DISCLOSURE, CaseType.SUSPENSION: CaseType.DISCLOSURE}
