"""The desk screens (workflows) and the documents panel in English, and still Japanese by default.

What is sent to or printed for 日本年金機構 and what the case timeline stores stays Japanese whatever
the UI language.
"""

import pytest
from django.conf import settings
from django.utils import timezone, translation

from cases.kernel.models import CaseEvent
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def en(japanese: str) -> str:
    """The English of a name several catalogues share (task titles are also stage names), as the
    merged catalogue has it."""
    with translation.override("en"):
        english = translation.gettext(japanese)
    assert english != japanese
    return english


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def shows(text: str, present: list[str], absent: list[str]) -> None:
    for wanted in present:
        assert wanted in text, wanted
    for unwanted in absent:
        assert unwanted not in text, unwanted


@pytest.fixture
def household():
    return applicant_with_household()


@pytest.fixture
def case_at_identity(clerk, household):
    """Just taken at the counter: 本人確認 sits in the receiving clerk's inbox."""
    applicant, _spouse = household
    return h.start_case(clerk=clerk, resident=applicant)


@pytest.fixture
def case_at_cross_check(clerk, household, django_capture_on_commit_callbacks):
    applicant, spouse = household
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    return case


# --- desk home, inbox, queue ------------------------------------------------------------------


def test_desk_home_inbox_and_queue_in_english(client, clerk, case_at_identity):
    client.force_login(clerk)
    english(client)
    shows(
        page(client, "/desk/"),
        ["Desk home", "My tasks", "Tasks I can take (queue)", "Cases past the document deadline"],
        ["窓口ホーム", "担当中の作業", "書類の提出期限を過ぎた案件"],
    )
    shows(
        page(client, "/desk/inbox/"),
        ["My tasks", en("本人確認"), "Work on it", "Release"],
        ["担当中の作業", ">本人確認<", "作業する", "整理番号", "受付事務所"],
    )
    shows(
        page(client, "/desk/queue/"),
        ["Queue", "No tasks available to take."],
        ["担当できる作業はありません。"],
    )


def test_desk_home_inbox_and_queue_are_japanese_by_default(client, clerk, case_at_identity):
    client.force_login(clerk)
    shows(page(client, "/desk/"), ["窓口ホーム", "担当中の作業", "書類の提出期限を過ぎた案件"], ["Desk home"])
    shows(page(client, "/desk/inbox/"), ["本人確認", "作業する", "解除", "整理番号"], ["Work on it"])
    shows(page(client, "/desk/queue/"), ["キュー", "担当できる作業はありません。"], ["Queue"])


def test_the_queue_and_claiming_in_english(client, clerk2, case_at_cross_check):
    client.force_login(clerk2)
    english(client)
    shows(page(client, "/desk/queue/"), [en("照合"), "Take"], [">照合<", "担当する"])
    task = h.open_task(case_at_cross_check, "cross_check")
    response = client.post(f"/desk/tasks/{task.pk}/claim/", follow=True)
    text = response.content.decode()
    shows(
        text,
        [
            "Task taken.",
            "Cross-check of the entered data against the resident register",
            "Income test pre-screening",
            en("申請内容"),
            "Record the cross-check result",
            "Matches (to approval)",
            # the side-by-side rows come from a selector, not the template
            "Name (kana)",
            "Name (kanji)",
        ],
        [
            "作業を担当しました。",
            "入力内容と住民記録の照合",
            "所得基準の事前判定",
            "照合結果を記録",
            "氏名 (カナ)",
            "氏名 (漢字)",
        ],
    )


def test_the_timeline_stores_the_task_name_in_japanese_and_words_it_in_the_screen_language(
    client, clerk2, case_at_cross_check
):
    """Issue 14 §5: stored as a code with its parameters (the Japanese label, its message id), shown in
    whichever language the screen reading it uses."""
    client.force_login(clerk2)
    english(client)
    task = h.open_task(case_at_cross_check, "cross_check")
    client.post(f"/desk/tasks/{task.pk}/claim/")
    claimed = CaseEvent.objects.filter(case=case_at_cross_check, action=CaseEvent.Action.CLAIMED).last()
    assert (claimed.text_code, claimed.text_params) == ("task", {"task": "照合"})
    assert claimed.text == "作業: 照合"
    with translation.override("en"):
        assert en("照合") in claimed.text and "照合" not in claimed.text
    page = client.get(f"/cases/{case_at_cross_check.pk}/").content.decode()
    assert f"Task: {en('照合')}" in page


# --- intake -----------------------------------------------------------------------------------


def test_intake_search_and_form_in_english(client, clerk, household):
    applicant, _spouse = household
    client.force_login(clerk)
    english(client)
    shows(
        page(client, "/intake/"),
        [
            "Intake: find the applicant",
            "Search by name, date of birth or number",
            "Name in kana (starts with)",
        ],
        ["受付: 申請者の検索", "氏名・生年月日・番号で検索", "カナ氏名 (前方一致)"],
    )
    response = client.post("/intake/", {"search": "name", "atena_no": applicant.atena_no})
    shows(
        response.content.decode(),
        [
            en("検索結果"),
            en("宛名番号"),
            en("基礎年金番号"),
            "Take an exemption application",
        ],
        ["検索結果", "免除申請を受け付ける"],
    )
    shows(
        page(client, f"/intake/exemption/{applicant.pk}/"),
        ["Intake: exemption / payment deferral application", "1st choice", "Accept"],
        ["受付: 免除・納付猶予申請", "第1希望", "受け付ける"],
    )


def test_intake_screens_are_japanese_by_default(client, clerk, household):
    applicant, _spouse = household
    client.force_login(clerk)
    shows(
        page(client, "/intake/"),
        ["受付: 申請者の検索", "カナ氏名 (前方一致)"],
        ["Intake: find the applicant"],
    )
    shows(
        page(client, f"/intake/exemption/{applicant.pk}/"),
        ["受付: 免除・納付猶予申請", "第1希望", "受け付ける"],
        ["1st choice"],
    )


# --- case search, case detail, task screen, documents panel -----------------------------------


def test_case_search_detail_and_id_verification_in_english(client, clerk, case_at_identity):
    case = case_at_identity
    client.force_login(clerk)
    english(client)
    shows(
        page(client, "/cases/"),
        [en("案件検索"), en("整理番号"), en("段階"), case.number],
        ["案件検索", "該当する案件はありません。"],
    )
    detail = page(client, f"/cases/{case.pk}/")
    shows(
        detail,
        [
            en("現在の作業"),
            en("経過"),
            en("申請内容"),
            en("宛名番号"),
            en("帳票"),
            en("受付票"),
            en("未発行"),
            "Income test pre-screening",
        ],
        ["現在の作業", "経過", "申請内容", "宛名番号", "未発行", "受付票"],
    )
    task = h.open_task(case, "verify_identity")
    shows(
        page(client, f"/desk/tasks/{task.pk}/"),
        ["ID documents presented", "Record ID verification"],
        ["本人確認を記録", "提示された本人確認書類"],
    )


def test_case_detail_and_task_screen_are_japanese_by_default(client, clerk, case_at_identity):
    case = case_at_identity
    client.force_login(clerk)
    shows(
        page(client, f"/cases/{case.pk}/"),
        ["現在の作業", "経過", "申請内容", "宛名番号", "帳票", "受付票", "未発行"],
        [en("現在の作業"), en("経過"), en("受付票")],
    )
    task = h.open_task(case, "verify_identity")
    shows(
        page(client, f"/desk/tasks/{task.pk}/"),
        ["本人確認を記録", "提示された本人確認書類"],
        ["Record ID verification"],
    )


def test_the_printed_form_stays_japanese_under_an_english_ui(
    client, clerk, case_at_identity, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    case = case_at_identity
    client.force_login(clerk)
    english(client)
    preview = page(client, f"/cases/{case.pk}/documents/receipt/preview/")
    assert "受付票" in preview
    for label in (en("受付票"), "Applicant", "Date of birth", "Exemption"):
        assert label not in preview, label


def test_bundle_screens_answer_under_an_english_ui(client, supervisor):
    client.force_login(supervisor)
    english(client)
    assert client.get("/bundles/").status_code == 200


def test_reassign_data_entry_and_approval_screens_in_english(
    client, clerk, clerk2, supervisor, household, django_capture_on_commit_callbacks
):
    applicant, spouse = household
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    entry = h.open_task(case, "enter_data")
    client.force_login(supervisor)
    english(client)
    shows(
        page(client, f"/desk/tasks/{entry.pk}/reassign/"),
        ["Reassign task", "(currently assigned to: ", en("入力")],
        ["担当の付け替え", "現在の担当", "付け替える"],
    )
    client.force_login(clerk)
    english(client)
    shows(
        page(client, f"/desk/tasks/{entry.pk}/"),
        [
            "As written on the application",
            "Household",
            "Suggested from the household",
            "Save and send to cross-check",
        ],
        ["申請書の記載", "世帯構成", "から提案しています", "入力を保存して照合へ"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2)
    approval = h.open_task(case, "approve")
    client.force_login(supervisor)
    english(client)
    client.post(f"/desk/tasks/{approval.pk}/claim/")
    shows(
        page(client, f"/desk/tasks/{approval.pk}/"),
        ["Record the approval decision", "Entered by: ", "Approve (to awaiting dispatch)"],
        ["決裁を記録", "入力者: ", "承認 (送付待ちへ)"],
    )


def test_a_filings_article_is_worded_on_the_english_case_page(client, clerk):
    """The 資格届出's date basis (法9条1号, 則4条 …) showed in Japanese shorthand on English screens."""
    import datetime as dt

    from django.utils import timezone

    from cases.common.codes import InsuredKind
    from tests.qualification.helpers import intake, person

    case = intake(
        clerk,
        person(kind=InsuredKind.FIRST),
        kind="death",
        event="death",
        event_date=timezone.localdate() - dt.timedelta(days=3),
    )
    assert "法9条1号" in case.qualification.effective_basis
    client.force_login(clerk)
    shows(
        page(english(client), f"/cases/{case.pk}/"),
        ["National Pension Act art. 9(i)"],
        ["法9条1号"],
    )


def test_each_case_types_person_is_named_as_its_own_screens_name_them(client, clerk, household):
    """The exploratory test in English: the task header called everyone 「申請者」 (Applicant) while the
    qualification intake said Filer and the disability intake Requester. A 障害基礎年金 claim (請求) has
    a 請求者, an exemption (申請) an 申請者, a 資格届出 a 届出者, in the header as at the intake; the
    menu's 担当中 and the inbox both say My tasks, the step 入力 is Data entry everywhere."""
    import datetime as dt

    from tests.disability import helpers as d
    from tests.factories import PensionRecordFactory
    from tests.qualification import helpers as q

    applicant, _spouse = household
    exemption = h.start_case(clerk=clerk, resident=applicant)
    claim = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    event_date = timezone.localdate() - dt.timedelta(days=14)
    filing = q.intake(
        clerk, q.person(), kind="kind_change", event="leave_employee_pension", event_date=event_date
    )
    client.force_login(clerk)

    opener = {exemption: h.open_task, claim: d.open_task, filing: q.open_task}

    def header(case) -> str:
        text = page(client, f"/desk/tasks/{opener[case](case, 'verify_identity').pk}/")
        return text[text.index('class="card case-header"') : text.index("</dl>")]

    assert "<dt>申請者</dt>" in header(exemption)
    assert "<dt>請求者</dt>" in header(claim)
    assert "<dt>届出者</dt>" in header(filing)
    english(client)
    assert "<dt>Applicant</dt>" in header(exemption)
    assert "<dt>Filer</dt>" in header(filing)
    assert "Category 1 coverage notification" in header(filing)
    home = page(client, "/desk/")
    assert ">My tasks</a>" in home and "My cases" not in home
    h.verify(exemption, clerk)
    entry = page(client, f"/desk/tasks/{h.open_task(exemption, 'enter_data').pk}/")
    assert f"<title>Data entry {exemption.number}" in entry and "<h1>Data entry" in entry
