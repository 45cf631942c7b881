"""The 資格届出 screens: 受付 with 「計算」 (date, article, 14 days, 送付期限, 要確認 — nothing saved), the 勧奨
answered or closed, 入力・照合・決裁, the case page, and the list screens (import, preview, start,
letters with progress), office-scoped."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.common.codes import InsuredKind
from cases.kernel.models import Case, Stage
from cases.qualification.models import QualificationList
from documents.models import Document
from tests.conftest import make_user
from tests.qualification.helpers import intake, papers_received, person, take

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def test_the_intake_search_offers_the_qualification_filing(client, clerk):
    resident = person()
    client.force_login(clerk)
    page = client.post("/intake/", {"search": "name", "kana": resident.kana_name}).content.decode()
    assert f"/intake/qualification/{resident.pk}/" in page


def test_calculate_shows_the_date_its_article_the_deadline_and_the_send_by_date_without_saving(client, clerk):
    resident = person(kind=InsuredKind.SECOND)
    client.force_login(clerk)
    form = {
        "received_on": TODAY.isoformat(),
        "kind": "kind_change",
        "event": "leave_employee_pension",
        # well past the deadline: a last day on a closed day would be 「要確認」 up to the next open day
        "event_date": (TODAY - 30 * DAY).isoformat(),
        "japanese_national": "on",
        "action": "preview",
    }
    page = client.post(f"/intake/qualification/{resident.pk}/", form).content.decode()
    assert "計算結果 (まだ保存していません)" in page and "則6条の2" in page
    assert (
        "期限後 (遅延)" in page and "受け付けて遅延を記録します" in page and "国民年金法施行規則9条" in page
    )
    assert not Case.objects.exists()
    response = client.post(f"/intake/qualification/{resident.pk}/", {**form, "action": "take"})
    case = Case.objects.get()
    # Issue 14 §3: straight on to 本人確認 of the new case, as after an exemption's intake.
    task = take(case, "verify_identity", clerk)
    assert response.status_code == 302 and response["Location"] == f"/desk/tasks/{task.pk}/"
    assert f"整理番号 {case.number} で受け付けました" in client.get(response["Location"]).content.decode()
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "期限後 (遅延)" in detail and "機構への送付期限" in detail and "離職票" in detail


def test_a_filing_dated_after_today_is_refused_on_its_field(client, clerk):
    """A 受付日 after today would start the 14-day clock (則9条) from a day that has not come."""
    resident = person(kind=InsuredKind.SECOND)
    client.force_login(clerk)
    form = {
        "received_on": (TODAY + DAY).isoformat(),
        "kind": "kind_change",
        "event": "leave_employee_pension",
        "event_date": (TODAY - 3 * DAY).isoformat(),
        "japanese_national": "on",
        "action": "take",
    }
    page = client.post(f"/intake/qualification/{resident.pk}/", form).content.decode()
    assert "今日以前の日付にしてください" in page
    assert not Case.objects.exists()


def test_a_refused_filing_names_the_field_in_japanese(client, clerk):
    resident = person(kind=None, birth=dt.date(1985, 1, 1))
    client.force_login(clerk)
    form = {"received_on": TODAY.isoformat(), "kind": "voluntary", "event": "application", "action": "take"}
    page = client.post(f"/intake/qualification/{resident.pk}/", form).content.decode()
    assert "20歳以上60歳未満の国内居住者は第1号被保険者です" in page and not Case.objects.exists()


def list_csv(*people) -> SimpleUploadedFile:
    lines = [f"{p.pension.basic_pension_no},{p.kana_name},{p.birth_date},{TODAY - 3 * DAY}" for p in people]
    text = (
        "基礎年金番号,カナ氏名,生年月日,事由発生日\n"
        + "\n".join(lines)
        + "\n,ダレモ イナイ,1990-01-01,2026-01-01\n"
    )
    return SimpleUploadedFile("soushitsu.csv", text.encode(), content_type="text/csv")


def test_the_list_screens_import_preview_start_and_print(client, clerk, django_capture_on_commit_callbacks):
    target = person(kana_name="ヒョウジ サレル", kanji_name="表示 される")
    client.force_login(clerk)
    response = client.post(
        "/qualification/lists/", {"kind": "employee_pension_loss", "file": list_csv(target)}
    )
    qlist = QualificationList.objects.get()
    assert response["Location"] == f"/qualification/lists/{qlist.pk}/"
    page = client.get(f"/qualification/lists/{qlist.pk}/").content.decode()
    assert (
        "該当あり 1件" in page
        and "該当なし 1件" in page
        and "住民がいません" in page
        and "表示 される" in page
    )

    client.post(f"/qualification/lists/{qlist.pk}/start/")
    case = Case.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/qualification/lists/{qlist.pk}/letters/")
    page = client.get(f"/qualification/lists/{qlist.pk}/").content.decode()
    document = Document.objects.get(kind=Document.Kind.SOLICITATIONS)
    assert case.number in page and f"/documents/{document.pk}/" in page and "作成済" in page
    pdf = client.get(f"/documents/{document.pk}/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    again = client.post(
        "/qualification/lists/", {"kind": "employee_pension_loss", "file": list_csv(target)}, follow=True
    )
    assert "取込済みです" in again.content.decode() and QualificationList.objects.count() == 1


def test_a_bad_list_shows_every_bad_line_and_imports_nothing(client, clerk):
    client.force_login(clerk)
    upload = SimpleUploadedFile("bad.csv", "基礎年金番号,カナ氏名,生年月日\n12,タロウ,1990-02-30\n".encode())
    response = client.post("/qualification/lists/", {"kind": "employee_pension_loss", "file": upload})
    page = response.content.decode()
    assert response.status_code == 400 and "2行目 基礎年金番号" in page and "2行目 生年月日" in page
    assert not QualificationList.objects.exists()


def test_another_office_s_list_is_not_found(client, clerk, other_office):
    client.force_login(clerk)
    client.post("/qualification/lists/", {"kind": "employee_pension_loss", "file": list_csv(person())})
    qlist = QualificationList.objects.get()
    client.force_login(make_user("kamui-clerk", "clerk", other_office))
    assert client.get(f"/qualification/lists/{qlist.pk}/").status_code == 404
    assert client.post(f"/qualification/lists/{qlist.pk}/start/").status_code == 404
    assert "soushitsu.csv" not in client.get("/qualification/lists/").content.decode()


def test_the_solicited_case_is_answered_at_the_counter_or_closed(client, clerk):
    client.force_login(clerk)
    client.post(
        "/qualification/lists/", {"kind": "employee_pension_loss", "file": list_csv(person(), person())}
    )
    qlist = QualificationList.objects.get()
    client.post(f"/qualification/lists/{qlist.pk}/start/")
    first, second = Case.objects.order_by("pk")
    task = take(first, "receive_filing", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "届出を受け付ける" in page and "届出なしで終了する" in page
    # The case's 経過 (opened from the list, claimed) is on the screen, as on the case page: it was
    # an empty table (the template was given no events).
    timeline = page[page.index("経過") :]
    assert timeline.count("<tr>") >= 1 + first.events.count()
    client.post(
        f"/desk/tasks/{task.pk}/",
        {
            "kind": "kind_change",
            "event": "leave_employee_pension",
            "event_date": (TODAY - 4 * DAY).isoformat(),
            "action": "take",
        },
    )
    first.refresh_from_db()
    assert first.stage == Stage.IDENTITY and first.received_on == TODAY
    task = take(second, "receive_filing", clerk)
    client.post(f"/desk/tasks/{task.pk}/", {"action": "close", "reason": "厚生年金に再加入"})
    second.refresh_from_db()
    assert second.stage == Stage.WITHDRAWN


def test_input_cross_check_and_approval_screens_show_the_filing(client, clerk, clerk2, supervisor):
    resident = person(kind=InsuredKind.FIRST)
    case = intake(clerk, resident, kind="death", event="death", event_date=TODAY - DAY)
    from workflows import steps

    steps.identity_record(
        task_id=take(case, "verify_identity", clerk).pk, user=clerk, documents=["mynumber_card"]
    )
    client.force_login(clerk)
    task = take(case, "enter_data", clerk)
    assert "死亡届" in client.get(f"/desk/tasks/{task.pk}/").content.decode()
    client.post(
        f"/desk/tasks/{task.pk}/",
        {"kind": "death", "event": "death", "event_date": (TODAY - DAY).isoformat(), "action": "save"},
    )
    case.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK
    papers_received(case, clerk)
    client.force_login(clerk2)
    task = take(case, "cross_check", clerk2)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "法9条1号" in page and "住民記録" in page
    client.post(f"/desk/tasks/{task.pk}/", {"decision": "match"})
    client.force_login(supervisor)
    task = take(case, "approve", supervisor)
    assert "資格情報・付加年金情報に記録" in client.get(f"/desk/tasks/{task.pk}/").content.decode()
    client.post(f"/desk/tasks/{task.pk}/", {"decision": "approve"})
    case.refresh_from_db()
    assert case.stage == Stage.READY_TO_SEND


def test_every_screen_of_the_filing_starts_in_its_first_field_the_filing_before_the_agent(
    client, clerk, clerk2, supervisor
):
    """Issue 14 §3: each screen's main form is marked for the cursor (data-autofocus), and the 届書's
    own fields come before the 代理人's, who rarely comes."""
    resident = person(kind=InsuredKind.FIRST)
    client.force_login(clerk)
    page = client.get(f"/intake/qualification/{resident.pk}/").content.decode()
    assert "data-autofocus" in page
    assert page.index('name="received_on"') < page.index('name="kind"') < page.index('name="remarks"')
    assert page.index('name="remarks"') < page.index('name="agent_name"')
    case = intake(clerk, resident, kind="death", event="death", event_date=TODAY - DAY)
    from workflows import steps

    steps.identity_record(
        task_id=take(case, "verify_identity", clerk).pk, user=clerk, documents=["mynumber_card"]
    )
    task = take(case, "enter_data", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "data-autofocus" in page and page.index('name="remarks"') < page.index('name="agent_name"')
    steps.input_save(task_id=task.pk, user=clerk, data=None)
    papers_received(case, clerk)
    client.force_login(clerk2)
    task = take(case, "cross_check", clerk2)
    assert "data-autofocus" in client.get(f"/desk/tasks/{task.pk}/").content.decode()
    steps.cross_check(task_id=task.pk, user=clerk2, matches=True)
    client.force_login(supervisor)
    task = take(case, "approve", supervisor)
    assert "data-autofocus" in client.get(f"/desk/tasks/{task.pk}/").content.decode()


def test_the_solicited_filing_s_answer_form_starts_in_its_first_field(client, clerk):
    client.force_login(clerk)
    client.post("/qualification/lists/", {"kind": "employee_pension_loss", "file": list_csv(person())})
    client.post(f"/qualification/lists/{QualificationList.objects.get().pk}/start/")
    task = take(Case.objects.get(), "receive_filing", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert page.count("data-autofocus") == 1 and page.index("data-autofocus") < page.index(
        "届出なしで終了する"
    )


def test_step_screens_show_the_papers_read_only_with_the_way_to_the_case_page(client, clerk, clerk2):
    """決裁 waits for the required papers (則 on the 届書's attachments); the clerk at 入力 and 照合
    sees them on the screen itself, read-only, and records a change on the case page."""
    resident = person()
    filed = {
        "kind": "kind_change",
        "event": "leave_employee_pension",
        "event_date": (TODAY - 4 * DAY).isoformat(),
    }
    case = intake(clerk, resident, **{**filed, "event_date": TODAY - 4 * DAY})
    from workflows import steps

    steps.identity_record(
        task_id=take(case, "verify_identity", clerk).pk, user=clerk, documents=["mynumber_card"]
    )
    required = case.checklist.filter(required=True).first()
    assert required is not None
    client.force_login(clerk)
    task = take(case, "enter_data", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert 'id="checklist"' in page and required.label in page
    assert f"/cases/{case.pk}/checklist/" not in page  # no form to change it here
    assert f'href="/cases/{case.pk}/#checklist"' in page
    client.post(
        f"/desk/tasks/{task.pk}/",
        {**filed, "action": "save"},
    )
    papers_received(case, clerk)
    client.force_login(clerk2)
    task = take(case, "cross_check", clerk2)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert 'id="checklist"' in page and "badge ok" in page


def test_rule_6_2_a_missing_loss_proof_sends_the_filing_from_input_to_awaiting_papers_and_back(client, clerk):
    """則6条の2: a 種別変更 2号→1号 needs the 資格喪失 proof (離職票 …). The exploratory test of
    2026-12-05 found no way to wait for it at 入力: the filing went to 照合 without it, 照合 refused,
    and a paper marked 依頼中 left the case at 照合 with no deadline. Now 入力 says it is missing and
    can send the case to 書類不備 with a deadline; when the paper comes the case is back at 入力."""
    from cases.kernel.models import ChecklistItem

    resident = person(kind=InsuredKind.SECOND)
    case = intake(
        clerk,
        resident,
        kind="kind_change",
        event="leave_employee_pension",
        event_date=TODAY - 3 * DAY,
        japanese_national=True,
    )
    actions_identity = take(case, "verify_identity", clerk)
    client.force_login(clerk)
    client.post(f"/desk/tasks/{actions_identity.pk}/", {"documents": ["mynumber_card"]})
    task = take(case, "enter_data", clerk)
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "不足書類を依頼する (書類不備)" in page
    form = {
        "kind": "kind_change",
        "event": "leave_employee_pension",
        "event_date": (TODAY - 3 * DAY).isoformat(),
        "japanese_national": "on",
        "due_on": (TODAY + 10 * DAY).isoformat(),
        "note": "離職票を郵送で",
        "action": "request_documents",
    }
    assert client.post(f"/desk/tasks/{task.pk}/", form).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.AWAITING_DOCUMENTS and case.documents_due_on == TODAY + 10 * DAY
    requested = case.checklist.filter(required=True, state=ChecklistItem.State.REQUESTED)
    assert requested.exists() and all(item.due_on == TODAY + 10 * DAY for item in requested)
    assert "不足: " in client.get(f"/cases/{case.pk}/").content.decode()
    waiting = take(case, "await_documents", clerk)
    client.post(f"/desk/tasks/{waiting.pk}/", {"outcome": "received", "comment": "郵送で到着"})
    case.refresh_from_db()
    assert case.stage == Stage.INPUT
    task = take(case, "enter_data", clerk)
    response = client.post(f"/desk/tasks/{task.pk}/", {**form, "action": "save"}, follow=True)
    case.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK
    assert "未受領の必須書類があります" in response.content.decode()  # 依頼中 is not 受領: said now


def test_a13_a_date_box_in_error_never_also_says_its_old_era_date_was_accepted(client, clerk):
    """The tester's walk of 2026-12-06 (finding 2): the 事由発生日 showed 「事由発生日は届出日以前の日付に
    してください」 and, under it, 「…改元後の日付のため … として受け付けました」."""
    resident = person(kind=InsuredKind.FIRST)
    client.force_login(clerk)
    form = {
        "received_on": "令和2年1月6日",
        "kind": "loss",
        "event": "emigration",
        "event_date": "平成33年1月1日",  # read as 令和3年1月1日: after the 届出日
        "japanese_national": "on",
        "action": "preview",
    }
    page = client.post(f"/intake/qualification/{resident.pk}/", form).content.decode()
    assert "事由発生日は届出日以前の日付にしてください" in page
    assert "受け付けました" not in page
    form["event_date"] = "平成31年12月1日"  # read as 令和元年12月1日: before it, so the note is shown
    page = client.post(f"/intake/qualification/{resident.pk}/", form).content.decode()
    assert "改元後の日付のため 令和元年12月1日 として受け付けました" in page


def test_rule_9_a_send_by_date_on_a_closed_day_names_the_open_day_before_it(client, clerk):
    """The tester's walk of 2026-12-06 (finding 6): received 2026-12-17, due 令和8年12月31日 (年末年始), and
    the case page said nothing, where a request's 決定期限 says 「期限の日は閉庁日です。前の開庁日 …」."""
    case = intake(
        clerk,
        person(kind=InsuredKind.SECOND),
        kind="kind_change",
        event="leave_employee_pension",
        event_date=TODAY - 3 * DAY,
    )
    Case.objects.filter(pk=case.pk).update(send_due_on=dt.date(2026, 12, 31))
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "期限の日は閉庁日です。前の開庁日 (令和8年12月28日) までに送付してください。" in page
    Case.objects.filter(pk=case.pk).update(send_due_on=dt.date(2026, 12, 25))  # a Friday, open
    assert "期限の日は閉庁日です" not in client.get(f"/cases/{case.pk}/").content.decode()
