"""The claim's screens as a clerk uses them: the routing check at the counter (nothing saved), intake or
referral, 入力 with the 現症日, the 納付状況 and the papers (or 書類不備), 照合 and 決裁, and the case page
with its 「要確認」 points."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cases.common.date_display import month_input_value
from cases.common.dates import add_months
from cases.disability.contribution import Period
from cases.kernel.counter import Counter
from cases.kernel.models import Case, Stage
from cases.templatetags.desk import wareki_month
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident():
    return PensionRecordFactory().resident


def intake_post(**changes) -> dict:
    data = {
        "received_on": timezone.localdate().isoformat(),
        "first_visit_on": d.years_ago(2).isoformat(),
        "first_clinic": "旭川こころのクリニック",
        "certifying_clinic_differs": "on",
        "status_at_first_visit": "category1",
        "resident_in_japan": "on",
        "conditions": "うつ病",
        "certificate_forms": ["120-4"],
        "special_event": "",
        "claim_basis": "recognition",
        "children": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_routing_check_answers_at_once_and_saves_nothing(client, clerk, resident):
    client.force_login(clerk)
    url = f"/intake/disability/{resident.pk}/"
    assert "判定する" in client.get(url).content.decode()
    page = client.post(
        url, {**intake_post(status_at_first_visit="category3"), "action": "check"}
    ).content.decode()
    assert "年金事務所へご案内ください" in page and "第3号被保険者" in page
    page = client.post(url, {**intake_post(), "action": "check"}).content.decode()
    assert "市で受理できます" in page and "認定日請求" in page and "障害認定日以後3か月以内の現症" in page
    assert not Case.objects.exists()


def test_a_month_end_first_visit_shows_the_point_to_check(client, clerk, resident):
    client.force_login(clerk)
    today = timezone.localdate()
    # 31 August two years ago: 18 months later is February, which has no 31st (民法143条2項).
    first_visit = today.replace(year=today.year - 2, month=8, day=31)
    if first_visit.replace(year=first_visit.year + 1, month=2, day=28) > today:
        first_visit = first_visit.replace(year=first_visit.year - 1)
    page = client.post(
        f"/intake/disability/{resident.pk}/",
        {**intake_post(first_visit_on=first_visit.isoformat()), "action": "check"},
    ).content.decode()
    assert "要確認" in page and "応当日がない月" in page


def test_ho102_a_recognition_claim_long_after_the_recognition_date_shows_the_time_bar(
    client, clerk, resident
):
    """法102条1項: the routing check and the case page say that arrears older than 5 years are lost."""
    client.force_login(clerk)
    url = f"/intake/disability/{resident.pk}/"
    old = intake_post(first_visit_on=d.years_ago(8).isoformat())
    page = client.post(url, {**old, "action": "check"}).content.decode()
    assert "時効" in page and "国民年金法102条" in page
    page = client.post(url, {**intake_post(), "action": "check"}).content.decode()
    assert "国民年金法102条" not in page
    case = d.start_claim(clerk=clerk, resident=resident, first_visit_on=d.years_ago(8))
    assert "国民年金法102条" in client.get(f"/cases/{case.pk}/").content.decode()


def test_taking_a_claim_goes_straight_on_to_verify_identity(client, clerk, resident):
    """Issue 14 §3 (a counter flow without detours): the clerk who takes the claim checks the ID next,
    on the same case, as after an exemption's intake — not via the case page."""
    client.force_login(clerk)
    response = client.post(f"/intake/disability/{resident.pk}/", {**intake_post(), "action": "take"})
    case = Case.objects.get()
    task = d.open_task(case, "verify_identity")
    assert response.status_code == 302 and response["Location"] == f"/desk/tasks/{task.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert f"整理番号 {case.number} で受け付けました" in page and "本人確認" in page


def test_taking_a_referred_claim_records_it_and_offers_the_slip(client, clerk, resident):
    client.force_login(clerk)
    response = client.post(
        f"/intake/disability/{resident.pk}/",
        {**intake_post(status_at_first_visit="category2"), "action": "take"},
    )
    case = Case.objects.get()
    assert response.status_code == 302 and case.stage == Stage.CLOSED
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "年金事務所への案内票" in page and "第2号被保険者" in page


def test_bad_intake_input_is_named_and_writes_nothing(client, clerk, resident):
    client.force_login(clerk)
    page = client.post(
        f"/intake/disability/{resident.pk}/",
        {**intake_post(first_visit_on=None, conditions=""), "action": "take"},
    ).content.decode()
    assert "初診日を入力してください" in page and "field-error" in page
    page = client.post(
        f"/intake/disability/{resident.pk}/",
        {**intake_post(special_event="dialysis_start"), "action": "take"},
    ).content.decode()
    assert "特例に該当する日" in page
    # 法30条1項: fixed after the first visit (the exploratory test's 1900-01-01 was taken).
    page = client.post(
        f"/intake/disability/{resident.pk}/", {**intake_post(cured_on="1900-01-01"), "action": "take"}
    ).content.decode()
    assert "症状固定日が初診日より前になっています" in page
    assert not Case.objects.exists()


def test_a_claim_dated_after_today_is_refused_on_its_field(client, clerk, resident):
    """The exploratory test of 2026-12-05 took a claim dated 2030-01-01 (送付期限 2030-01-15, 則9条):
    a 受付日 after today is a typing slip, refused on the field as on the exemption's intake."""
    client.force_login(clerk)
    later = timezone.localdate() + dt.timedelta(days=1)
    page = client.post(
        f"/intake/disability/{resident.pk}/", {**intake_post(received_on=later.isoformat()), "action": "take"}
    ).content.decode()
    assert "今日以前の日付にしてください" in page and "field-error" in page
    assert not Case.objects.exists()


def test_a_second_claim_for_the_same_person_is_pointed_out_at_the_counter(client, clerk, resident):
    """Two claims for one resident were taken the same day without a word (exploratory test,
    2026-12-05): the intake page names the open one, so a double intake is seen before it is made."""
    client.force_login(clerk)
    client.post(f"/intake/disability/{resident.pk}/", {**intake_post(), "action": "take"})
    first = Case.objects.get()
    page = client.get(f"/intake/disability/{resident.pk}/").content.decode()
    assert "受付中の同じ種類の案件があります" in page and first.number in page
    other = PensionRecordFactory().resident
    assert "受付中の同じ種類の案件" not in client.get(f"/intake/disability/{other.pk}/").content.decode()


def test_free_text_of_the_claim_refuses_a_mynumber(client, clerk, resident):
    """The same test typed 「番号 1234 5678 9012 です」 into 備考 and saw it in clear on four screens."""
    client.force_login(clerk)
    page = client.post(
        f"/intake/disability/{resident.pk}/",
        {**intake_post(remarks="番号 1234 5678 9012 です", first_clinic="5555 6666 7777"), "action": "take"},
    ).content.decode()
    assert page.count("自由記述欄には個人番号を書かないでください") == 2
    assert not Case.objects.exists()


def _periods(case, rows) -> dict:
    data = {"periods-TOTAL_FORMS": str(len(rows)), "periods-INITIAL_FORMS": "0"}
    for index, (start, end, status) in enumerate(rows):
        data.update(
            {f"periods-{index}-start": start, f"periods-{index}-end": end, f"periods-{index}-status": status}
        )
    return data


def test_input_screen_requests_missing_papers_then_sends_the_claim_to_cross_check(
    client, clerk, clerk2, resident
):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "保険料の納付状況" in page and "診断書 (障害認定日以後3か月以内の現症) の現症日" in page
    base = {
        **intake_post(),
        "insured_at_first_visit": "on",
        "contribution_confirmed": "on",
        **_periods(case, [("2015-07", "2024-10", "paid")]),
    }
    response = client.post(
        f"/desk/tasks/{task.pk}/", {**base, "action": "request_documents", "note": "診断書"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.AWAITING_DOCUMENTS
    task = d.take(case, "await_documents", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "依頼中の書類" in page and "依頼した作業に戻る" in page
    # The timeline says what is missing, once (it read 「提示: 不足: 診断書…。。提出期限…」: the
    # identity documents' sentence, with the papers in the place of what was shown).
    timeline = client.get(f"/cases/{case.pk}/").content.decode()
    assert "不足: 診断書" in timeline and "提示: 不足" not in timeline and "。。" not in timeline
    client.post(f"/desk/tasks/{task.pk}/", {"outcome": "received", "comment": ""})
    task = d.take(case, "enter_data", clerk)
    # Back at 入力, the confirmation of the copied 納付状況 is still ticked (it had to be ticked again).
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    box = re.search(r'<input[^>]*name="contribution_confirmed"[^>]*>', page).group(0)
    assert "checked" in box
    within = case.disability.recognition_on + timezone.timedelta(days=5)
    pending = [item.code for item in case.checklist.all() if not item.settled]
    response = client.post(
        f"/desk/tasks/{task.pk}/",
        {
            **base,
            "current_on_certificate_recognition": within.isoformat(),
            "received": pending,
            "action": "save",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK

    client.force_login(clerk2)
    task = d.take(case, "cross_check", clerk2)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "保険料納付要件" in page and "期間内" in page
    client.post(f"/desk/tasks/{task.pk}/", {"decision": "match", "reason": ""})
    case.refresh_from_db()
    assert case.stage == Stage.APPROVAL


def test_a_current_on_day_outside_its_window_is_said_when_the_input_is_saved(client, clerk, resident):
    """The 現症日 outside its window was saved without a word; the second clerk found it at 照合."""
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    outside = case.disability.recognition_on - dt.timedelta(days=30)
    pending = [item.code for item in case.checklist.all() if not item.settled]
    response = client.post(
        f"/desk/tasks/{task.pk}/",
        {
            **intake_post(),
            "insured_at_first_visit": "on",
            "contribution_confirmed": "on",
            **_periods(case, [("2015-07", "2024-10", "paid")]),
            "current_on_certificate_recognition": outside.isoformat(),
            "received": pending,
            "action": "save",
        },
        follow=True,
    )
    case.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK
    assert "現症日が期間外です" in response.content.decode()


def test_a_bad_period_row_is_named_and_nothing_moves(client, clerk, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    data = {
        **intake_post(),
        "contribution_confirmed": "on",
        **_periods(case, [("2020-01", "2019-01", "paid"), ("2019-01", "2019-06", "")]),
        "action": "save",
    }
    page = client.post(f"/desk/tasks/{task.pk}/", data).content.decode()
    assert "終了月は開始月以降" in page and "すべて入力してください" in page
    case.refresh_from_db()
    assert case.stage == Stage.INPUT


def test_the_approval_screen_and_case_page_show_the_claim(client, clerk, clerk2, supervisor, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    d.enter(case, clerk)
    d.cross_check(case, clerk2)
    client.force_login(supervisor)
    task = d.take(case, "approve", supervisor)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "請求の内容 (様式第107号)" in page and "障害認定日" in page and "原本は送付票とともに別送" in page
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "判定 (参考)" in page and "提出書類" in page


def test_a_claim_sent_back_shows_what_was_entered(client, clerk, clerk2, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    d.enter(case, clerk)
    d.cross_check(case, clerk2, matches=False, reason="現症日を確認")
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    first = d.paid_since_20(case)[0].start
    # The month reads back as typed on a Japanese screen (和暦), so that it is read again as it is.
    assert f'value="{month_input_value(first)}"' in page and "差戻し・返戻された請求です" in page
    current_on = case.disability.certificates[0]["current_on"]
    assert current_on and "令和" in page


def test_every_screen_of_the_claim_starts_in_its_first_field_the_claim_before_the_agent(
    client, clerk, clerk2, supervisor, resident
):
    """Issue 14 §3 (no Tab presses through the menu): each screen's main form is marked for the cursor
    (data-autofocus, cases/static/cases/desk.js), and the intake's first field is the claim's (初診日):
    the 代理人, who rarely comes, follows the claim as on the exemption's intake."""
    client.force_login(clerk)
    page = client.get(f"/intake/disability/{resident.pk}/").content.decode()
    assert "data-autofocus" in page
    assert (
        page.index('name="first_visit_on"')
        < page.index('name="agent_name"')
        < page.index('name="received_on"')
    )
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    assert (
        "data-autofocus"
        in client.get(f"/desk/tasks/{d.take(case, 'enter_data', clerk).pk}/").content.decode()
    )
    d.enter(case, clerk)
    client.force_login(clerk2)
    assert (
        "data-autofocus"
        in client.get(f"/desk/tasks/{d.take(case, 'cross_check', clerk2).pk}/").content.decode()
    )
    d.cross_check(case, clerk2)
    client.force_login(supervisor)
    assert (
        "data-autofocus"
        in client.get(f"/desk/tasks/{d.take(case, 'approve', supervisor).pk}/").content.decode()
    )


def test_the_contribution_months_are_shown_in_wareki_like_every_other_date(client, clerk, clerk2, resident):
    """Issue 14 §3 (dates shown one way): the 納付状況 months on 照合 were ISO (2015-06) beside 和暦 days."""
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    (paid,) = d.paid_since_20(case)
    # The last month paid only after the 初診日: not counted (法30条1項但書), and named by its month.
    late = Period(
        paid.end, paid.end, "paid", settled_on=case.disability.first_visit_on + dt.timedelta(days=3)
    )
    d.enter(case, clerk, periods=[Period(paid.start, add_months(paid.end, -1), "paid", None), late])
    client.force_login(clerk2)
    page = client.get(f"/desk/tasks/{d.take(case, 'cross_check', clerk2).pk}/").content.decode()
    assert resident.birth_date == dt.date(1995, 6, 15)  # the factory's: 20歳 in 平成27年6月
    assert "平成27年6月 〜" in page and f"{paid.start:%Y-%m}" not in page and f"{paid.end:%Y-%m}" not in page
    assert f"算入しない月: {wareki_month(paid.end)}" in page


def test_category3_months_on_the_period_form_show_a_late_report_check(client, clerk, resident):
    """rules-disability-qualification.md §2.4 DOUBT, 法附則7条の3第1項: 第3号 months reported late are not 納付済;
    the copied months do not say so, so the case shows 「要確認」 whenever they include 第3号 months."""
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert 'name="periods-0-category3"' in page
    pending = [item.code for item in case.checklist.all() if not item.settled]
    within = case.disability.recognition_on + dt.timedelta(days=5)
    response = client.post(
        f"/desk/tasks/{task.pk}/",
        {
            **intake_post(),
            "insured_at_first_visit": "on",
            "contribution_confirmed": "on",
            **_periods(case, [("2015-07", "2024-10", "paid")]),
            "periods-0-category3": "on",
            "current_on_certificate_recognition": within.isoformat(),
            "received": pending,
            "action": "save",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.disability.contribution["periods"][0]["category3"] is True
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "法附則7条の3第1項" in detail and "(第3号)" in detail


def test_a_wrong_period_row_is_said_once_beside_its_row_and_the_cursor_starts_there(client, clerk, resident):
    """Exploratory test 2026-12-06: a period ending before it starts put 「納付状況の期間に誤りがあります」 on
    the page three times (once for each group of fields), the row's own message in a cell outside the
    table's columns, and the cursor on 初診日 far above (desk.js starts at the first field with an error)."""
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    response = client.post(
        f"/desk/tasks/{task.pk}/",
        {
            **intake_post(),
            "insured_at_first_visit": "on",
            "contribution_confirmed": "on",
            **_periods(case, [("2024-03", "2007-06", "paid")]),
            "action": "save",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.count("納付状況の期間に誤りがあります") == 1
    body = page.split('name="periods-TOTAL_FORMS"', 1)[1].split("</tbody>", 1)[0]
    # The wrong box is the 終了月 (counter walk: only the box an error is about is outlined, not its row):
    # its cell is marked, so the cursor starts there, and the message is under it, not in a sixth cell.
    end_cell = body.split('name="periods-0-end"', 1)[0].rsplit("<td", 1)[1]
    start_cell = body.split('name="periods-0-start"', 1)[0].rsplit("<td", 1)[1]
    assert 'class="has-error"' in end_cell.split(">", 1)[0]
    assert 'class="has-error"' not in start_cell.split(">", 1)[0]
    assert re.search(r'id="id_periods-0-end_error"><p>終了月は開始月以降にしてください。</p>', body)


def test_shou60_fusoku21_an_old_first_visit_shows_the_read_month_and_its_article(client, clerk):
    """昭60法附則21条: a 初診日 of 1990-04-10 is judged on the months up to December 1989 (the month before the
    January 基準月), and the case page says which reading it used instead of a 「要確認」."""
    resident = PensionRecordFactory(resident__birth_date=dt.date(1960, 1, 1)).resident
    case = d.start_claim(clerk=clerk, resident=resident, first_visit_on=dt.date(1990, 4, 10))
    d.verify(case, clerk)
    d.enter(
        case,
        clerk,
        periods=[
            Period(dt.date(1989, 11, 1), dt.date(1989, 12, 1), "paid", settled_on=dt.date(1989, 12, 20)),
            Period(dt.date(1990, 1, 1), dt.date(1990, 2, 1), "unpaid"),
        ],
    )
    result = case.disability.contribution["result"]
    assert (result["rule"], result["last_month"], result["base_month_reading"]) == (
        "two_thirds",
        "1989-12",
        True,
    )
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f"対象は {wareki_month(dt.date(1989, 12, 1))} までの被保険者期間 2月" in page
    assert "直近の基準月 (1・4・7・10月) の前月と読み替えています (昭和60年改正法附則21条)" in page
    assert "この判定はその読み替えをしていません" not in page


def test_ho30no3_the_counter_takes_a_standard_claim_with_its_two_dates(client, clerk, resident):
    """基準障害 (法30条の3): the counter's check names the kind and the 30条の3第1項 括弧書 refusal names its field;
    the case page shows both dates."""
    client.force_login(clerk)
    url = f"/intake/disability/{resident.pk}/"
    today = timezone.localdate()
    assert 'name="standard_graded_on"' in client.get(url).content.decode()
    standard = intake_post(
        claim_basis="standard",
        other_first_visit_on=d.years_ago(4).isoformat(),
        standard_graded_on=(today - dt.timedelta(days=10)).isoformat(),
    )
    page = client.post(url, {**standard, "action": "check"}).content.decode()
    assert "基準障害による請求 (国民年金法30条の3)" in page and "請求日前3か月以内の現症" in page
    assert "基準障害の請求そのものに期限はありません" in page and "事後重症の請求期限" not in page
    wrong = {**standard, "other_first_visit_on": today.isoformat(), "action": "take"}
    page = client.post(url, wrong).content.decode()
    assert "他の傷病の初診日以後でなければなりません" in page and not Case.objects.exists()
    response = client.post(url, {**standard, "action": "take"})
    assert response.status_code == 302
    case = Case.objects.get()
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "併合して初めて2級以上に該当した日" in detail and "他の傷病の診断書" in detail


def test_a_referred_claim_offers_no_transmittal_slip_and_refuses_one_posted(client, clerk, resident):
    """QA walk: a claim referred to the 年金事務所 (完了 at the counter, with its 案内票) still offered
    「送付票 未発行 プレビュー 発行」; the 送付票 goes to 機構 with the weekly bundle, which a referred
    claim never joins."""
    from cases.security.models.audit import AuditAction, AuditEntry
    from documents.services import document_request
    from documents.snapshots import DocumentNotAvailable

    client.force_login(clerk)
    client.post(
        f"/intake/disability/{resident.pk}/",
        {**intake_post(status_at_first_visit="category2"), "action": "take"},
    )
    case = Case.objects.get()
    assert case.disability.referred
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "年金事務所への案内票" in page
    assert "送付票" not in page and f"/cases/{case.pk}/documents/filing/" not in page
    issued = client.post(f"/cases/{case.pk}/documents/filing/issue/")
    assert issued.status_code == 404 and not case.documents.filter(kind="filing").exists()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, target__contains="filing").exists()
    assert client.get(f"/cases/{case.pk}/documents/filing/preview/").status_code == 404
    with pytest.raises(DocumentNotAvailable):  # any other caller (a script, the bundle) is refused too
        document_request(kind="filing", case=case, requested_by=clerk)


def test_rei1no2_3_ha_the_merger_box_names_only_the_mergers_the_city_does_not_take(client, clerk, resident):
    """令1条の2第3号ハ: a 法31条1項 (併合) 障害基礎年金 is the city's, except 「当該障害基礎年金と同一の支給事由に基づく…
    障害厚生年金…障害共済年金の受給権を有することとなる者又は経過措置政令第四十三条に規定する障害年金の受給権者に係るもの」.
    The box that refers a claim to the 年金事務所 said 「既に障害基礎年金・障害厚生年金を受給している」, so a 併合 of a 障害基礎年金
    alone (a 20歳前 受給権者 seen anew as a 第1号) was turned away from the city."""
    client.force_login(clerk)
    form = client.get(f"/intake/disability/{resident.pk}/").content.decode()
    label = re.search(r'<label><input type="checkbox" name="merged"[^>]*>(.*?)</label>', form, re.S).group(1)
    assert "障害厚生年金" in label and "障害共済年金" in label and "障害基礎年金" not in label
    # The hint above the form says the same: not every 併合 goes to the 年金事務所.
    hint = re.search(r"初診日の加入状況で受理窓口が決まります.*?</p>", form, re.S).group(0)
    assert "・併合は年金事務所" not in hint and "障害厚生年金・障害共済年金との併合は年金事務所" in hint
    page = d.routing_check(client, resident, merged="on")
    assert "施行令1条の2第3号ハ" in page and "障害基礎年金のみの併合は市で受け付けます" in page


def test_an_agent_named_without_a_relationship_shows_no_empty_brackets(client, clerk, resident):
    """The walk of 2026-12-08: 来庁者 read 「代理人 ― Hatachi Haha ()」 when the relationship box was left
    empty (the intake takes a name alone)."""
    counter = Counter.from_agent(agent_name="旭 花子", power_of_attorney=True)
    case = d.start_claim(clerk=clerk, resident=resident, counter=counter)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "旭 花子" in page and "旭 花子 ()" not in page and "()" not in page
    counter = Counter.from_agent(agent_name="旭 一郎", agent_relationship="夫", power_of_attorney=True)
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident, counter=counter)
    assert "旭 一郎 (夫)" in client.get(f"/cases/{case.pk}/").content.decode()
