"""Issue 14 §7: the whole day in a real browser — every case type from the counter through 本人確認,
入力, 照合 by a second clerk and 決裁, then the weekly bundle (built, sealed, handed over) and 機構's
results; the bulk actions with their preview; the dashboard; the auditor's and the administrator's
screens. Asserts what a person sees; the screenshots feed docs/manual/."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.kernel.casetypes import casetype_specs
from cases.kernel.models import Case, Stage
from cases.submission.bundle_common import weekly_cutoff
from tests.browser.days import ANSWERS, DAYS, NAMES, RESULTS_HEADER, SAME_DAY_AS, find_applicant, named
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_registered_case_type_has_a_browser_day():
    registered = {spec.code for spec in casetype_specs()}
    missing = registered - set(DAYS) - set(SAME_DAY_AS)
    assert not missing, f"add a day for {sorted(missing)} to tests/browser/days.py"
    unanswered = {spec.code for spec in casetype_specs() if spec.goes_to_kiko} - set(ANSWERS)
    assert not unanswered, f"add 機構's answer for {sorted(unanswered)} to ANSWERS in tests/browser/days.py"


def _bundle_and_results(b, staff, numbers: list[str], tmp_path) -> None:
    """The 係長 builds the week's bundle, seals it, records the hand-over and uploads 機構's results,
    which a second 係長 checks and applies."""
    # The week passes: the approvals happened before Friday's 15:00 cut-off the bundle is built for.
    Case.objects.filter(number__in=numbers).update(stage_since=weekly_cutoff() - dt.timedelta(hours=1))
    b.login(staff["supervisor"].username)
    b.open("/bundles/")
    b.press("今週分の送付を作成")
    b.sees("作成を開始しました")
    b.click_link("S")  # the bundle's number (S + its cut-off) links to its page
    b.sees(*numbers)
    b.shot("30_bundle_detail")
    b.click_link("封緘する")
    b.tick("confirmed")
    b.shot("31_bundle_seal")
    b.press("封緘する")
    b.click_link("送付日を記録")
    b.fill("sent_on", timezone.localdate().isoformat())
    b.choose("medium", "cd_r")  # the PIA's 電子記録媒体 (no flash memory)
    b.fill("received_by", "旭川年金事務所 国民年金課 山田")
    b.press("記録する")
    for number in numbers:
        assert Case.objects.get(number=number).stage == Stage.SENT
    results = tmp_path / "kekka.csv"
    answers = [
        ANSWERS[case.case_type](case) for case in Case.objects.filter(number__in=numbers).order_by("number")
    ]
    results.write_text("\n".join([RESULTS_HEADER, *answers]) + "\n", encoding="utf-8")
    b.open("/results/")
    b.field("file").send_keys(str(results))
    b.shot("32_results_upload")
    b.press("取り込む")
    b.sees("別の係長が内容を確認して反映するまで、案件は変わりません", *numbers)
    b.shot("33_results_done")
    for number in numbers:
        assert Case.objects.get(number=number).stage == Stage.SENT  # nothing changes before the second look

    b.login(staff["supervisor2"].username)
    b.open("/results/")
    b.click_link("kekka.csv")  # 確認待ち: the upload's page with what each line will do
    b.sees(*numbers)
    b.shot("35_results_confirm")
    b.press("反映する")
    for number in numbers:
        case = Case.objects.get(number=number)
        b.open(f"/cases/{case.pk}/")
        b.sees("完了", "結果受領")


def test_the_whole_day_for_every_case_type(browser, staff, tmp_path):
    filed, settled = [], []
    for (code, day), (kanji, kana) in zip(DAYS.items(), NAMES, strict=False):
        applicant, _spouse = applicant_with_household()
        named(applicant, kanji, kana)
        number = day(browser, staff, applicant, shots=True)
        spec = next(s for s in casetype_specs() if s.code == code)
        (filed if spec.goes_to_kiko else settled).append(number)
        case = Case.objects.get(number=number)
        assert case.stage == (Stage.READY_TO_SEND if spec.goes_to_kiko else Stage.CLOSED), (code, case.stage)
    browser.login(staff["supervisor"].username)
    browser.open("/cases/")
    browser.fill("number", filed[0].split("-")[1].lstrip("0"))  # 「26」 finds 2026-000026
    browser.press("検索")
    browser.sees(filed[0])
    _bundle_and_results(browser, staff, filed, tmp_path)
    browser.open(f"/cases/{Case.objects.get(number=filed[0]).pk}/")
    browser.shot("34_case_detail_closed")


def _cases_at_cross_check(staff, names: list[tuple[str, str]], *, inputter: str = "clerk") -> list[Case]:
    cases = []
    for kanji, kana in names:
        applicant, spouse = applicant_with_household()
        named(applicant, kanji, kana)
        case = h.start_case(clerk=staff[inputter], resident=applicant)
        h.verify(case, staff[inputter])
        h.enter(case, staff[inputter], spouse=spouse)
        cases.append(case)
    return cases


def _row(b, number: str):
    return b.driver.find_element("xpath", f"//tr[.//a[normalize-space()='{number}']]")


def test_bulk_actions_returns_and_withdrawal(browser, staff):
    b = browser
    cases = _cases_at_cross_check(staff, NAMES[:4])
    applicant, _spouse = applicant_with_household()
    named(applicant, *NAMES[4])
    own = h.start_case(clerk=staff["clerk2"], resident=applicant)  # clerk2's own intake, at 本人確認

    # The office queue, narrowed to 照合: four cases another clerk input; tick them all, take them.
    b.login(staff["clerk2"].username)
    b.open("/desk/queue/")
    b.choose("stage", Stage.CROSS_CHECK)
    b.press("絞り込む")
    b.sees(*(case.number for case in cases))
    b.shot("40_queue_filtered")
    b.driver.find_element("css selector", "input[data-check-all]").click()  # desk.js ticks the page
    b.press("選択した作業を担当する")
    b.sees("一括操作の確認", "4 件を実行する", "まだ何も変更していません")
    b.press("4 件を実行する")
    b.sees("4 件を実行しました")
    b.shot("42_bulk_result")

    # A mismatch sends one back: the inputter's inbox marks it, the reason heads the task screen.
    b.open("/desk/inbox/")
    b.click_link("作業する", within=_row(b, cases[0].number))
    b.tick("decision", "mismatch")
    b.fill("reason", "生年月日が申請書と相違しています")
    b.press("照合結果を記録")
    b.login(staff["clerk"].username)
    b.open("/desk/inbox/?sort=deadline")
    b.sees("差戻し", "生年月日が申請書と相違しています")
    b.shot("43_inbox_returned")
    b.click_link("作業する", within=_row(b, cases[0].number))
    b.sees("差戻し", "生年月日が申請書と相違しています")
    b.shot("44_returned_task")

    # 取下げ from the case page, at 本人確認.
    b.open(f"/cases/{own.pk}/")
    b.driver.find_element("css selector", "details.withdraw summary").click()
    b.fill("reason", "申請者から取下げの申出 (電話)")
    b.shot("45_withdraw")
    b.press("取り下げる")
    b.sees("取り下げました")
    own.refresh_from_db()
    assert own.stage == Stage.WITHDRAWN

    # The 係長 moves work: every open 照合 of the office, whoever holds it; the preview tells who may
    # not take which (the inputter never cross-checks their own input).
    more = _cases_at_cross_check(staff, NAMES[5:7], inputter="clerk2")
    b.login(staff["supervisor"].username)
    b.open(f"/desk/queue/?stage={Stage.CROSS_CHECK}&everyone=on")
    b.sees(cases[1].number, more[0].number)
    for case in (cases[1], cases[2], more[0], more[1]):
        _row(b, case.number).find_element("css selector", "input[name=task]").click()
    b.press("選択した作業を付け替える")
    b.choose_label("to_user", f"{staff['clerk']} ({staff['clerk'].office})")
    b.fill("reason", "窓口 花子さんの休暇のため")
    b.press("この担当者で結果を確認する")
    b.sees("職務分離", "2 件を実行する")
    b.shot("41_bulk_preview")
    b.press("2 件を実行する")
    b.sees("2 件を実行しました。2 件は実行していません")


def test_the_dashboard_on_a_working_office(browser, staff):
    """The demo's cases (seed_demo: every stage, ages, results) make the charts worth a look."""
    call_command("seed_demo", residents=120, seed=7, stdout=io.StringIO())
    b = browser
    b.login(staff["supervisor"].username)
    b.open("/desk/dashboard/")
    b.sees("段階・事務所・種別ごとの未完了案件", "受付からの経過", "週ごとの受付", "期限が迫っている案件")
    b.shot("50_dashboard")
    b.open("/desk/")
    b.shot("51_desk_home_supervisor")
    # In English the lists' words are longer: the queue of every task was 1,705 px wide in a 1,400 px
    # window, its last columns off the screen (exploratory test 2026-12-06). The page itself must fit.
    b.driver.add_cookie({"name": "django_language", "value": "en", "path": "/"})
    for path in ("/desk/queue/?everyone=on", "/desk/inbox/"):
        b.open(path)
        overflow = b.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (path, overflow)
        b.shot("52_queue_english" if "queue" in path else "53_inbox_english")
    b.driver.delete_cookie("django_language")


def test_auditor_and_administrator(browser, staff):
    b = browser
    applicant, _spouse = applicant_with_household()
    named(applicant, *NAMES[7])
    case = h.start_case(clerk=staff["clerk"], resident=applicant)
    b.login(staff["clerk"].username)  # a little of the day for the log to show
    find_applicant(b, applicant)
    b.open(f"/cases/{case.pk}/")
    b.login(staff["auditor"].username)
    b.open("/audit/")
    b.sees("アクセス記録", "閲覧", "検索", "clerk-honcho")
    b.shot("60_audit_log")
    b.login(staff["admin"].username)
    b.open("/admin/")
    b.sees("定期実行")
    b.shot("61_admin")
