"""The cases app's own screens (login, home, audit log, inquiries, imports, pre-screen, results,
transfers, bundles, resident page, account) in English, and still Japanese without a language choice.

Names, addresses and numbers on file stay as they are whatever the screen language.
"""

import pytest
from django.conf import settings

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.registry.mynumber import mynumber_register
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.security import Inquiry
from tests.factories import TRANSFER_DOCUMENT_FORM, PensionRecordFactory
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
NUMBER = "12345678901" + str(mynumber_check_digit("12345678901"))


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def page(client, url: str, data=None) -> str:
    response = client.get(url, data or {})
    assert response.status_code == 200, url
    return response.content.decode()


def shows(text: str, present: list[str], absent: list[str]) -> None:
    for wanted in present:
        assert wanted in text, wanted
    for unwanted in absent:
        assert unwanted not in text, unwanted


@pytest.fixture
def person(reference_data):
    resident = PensionRecordFactory(resident__kanji_name="年金 花子").resident
    mynumber_register(resident=resident, number=NUMBER)
    return resident


# --- login, home, account ---------------------------------------------------------------------


def test_login_page_in_english_and_japanese(client, reference_data):
    shows(
        page(english(client), "/login/"),
        ["Enter your staff user ID and password.", ">User ID<", ">Password<"],
        ["職員のユーザーIDとパスワードを入力してください。", ">ユーザーID<"],
    )
    client.cookies.clear()
    shows(page(client, "/login/"), ["職員のユーザーIDとパスワードを入力してください。"], ["Enter your staff"])


def test_a_failed_login_is_explained_in_english(client, clerk):
    response = english(client).post("/login/", {"username": "clerk1", "password": "wrong-password"})
    shows(
        response.content.decode(),
        ["The user ID or password is incorrect."],
        ["ユーザーIDまたはパスワードが正しくありません。"],
    )


def test_operator_home_in_english_and_japanese(client, operator):
    client.force_login(operator)
    shows(page(client, "/"), ["お疲れさまです", "帳票出力"], ["Hello, operator1."])
    shows(page(english(client), "/"), ["Hello, operator1.", ">Reports<"], ["お疲れさまです"])


def test_password_change_in_english(client, clerk):
    client.force_login(clerk)
    shows(
        page(client, "/account/password/"),
        ["現在のパスワード", "新しいパスワード (確認)"],
        ["Current password"],
    )
    text = page(english(client), "/account/password/")
    shows(
        text,
        [
            "<h1>Change password</h1>",
            "Current password",
            "New password (again)",
            "Current password expires on:",
        ],
        ["現在のパスワード", "新しいパスワード", "有効期限"],
    )
    response = client.post(
        "/account/password/",
        {"old_password": "not-it", "new_password1": "x", "new_password2": "y"},
    )
    shows(
        response.content.decode(),
        ["The current password is incorrect."],
        ["現在のパスワードが正しくありません"],
    )


def test_totp_setup_in_english(client, supervisor):
    client.force_login(supervisor)
    shows(
        page(english(client), "/account/totp/"),
        ["<h1>Two-factor authentication</h1>", "Verification code (6 digits)", "Turn on"],
        ["二要素認証", "確認コード"],
    )


# --- auditor screens --------------------------------------------------------------------------


@pytest.fixture
def logged(clerk):
    audit_record(action=AuditAction.VIEW, actor=clerk, target="case")


def test_audit_log_in_english(client, auditor, logged):
    client.force_login(auditor)
    shows(
        page(client, "/audit/"),
        ["アクセス記録", "改ざん検証", "職員 (ユーザーID または氏名)"],
        ["Access log"],
    )
    text = page(english(client), "/audit/", {"verify": "1"})
    shows(
        text,
        [
            "<h1>Access log",
            "Self-inspection / internal audit",
            "Verify integrity",
            "Staff (user ID or name)",
            "Period (from)",
            "The hash chain is intact",
            "<th>Source address</th>",
        ],
        ["アクセス記録", "改ざん検証", "ハッシュ連鎖は正常です", "職員 (ユーザーID または氏名)", "接続元"],
    )
    bad = page(client, "/audit/", {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert "The end date must be on or after the start date." in bad


def test_audit_csv_header_follows_the_language(client, auditor, logged):
    client.force_login(auditor)
    japanese = client.get("/audit/report.csv").content.decode("utf-8-sig")
    assert japanese.splitlines()[0].startswith("ID,日時,ユーザーID")
    body = english(client).get("/audit/report.csv").content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("ID,Date and time,User ID,Staff member,Office,Source address")


def test_inquiry_log_in_english(client, clerk):
    Inquiry.objects.create(
        received_at="2026-04-01T10:00+09:00",
        channel="counter",
        requester="山田",
        subject="照会",
        handler=clerk,
        office=clerk.office,  # entries are kept per office (issue 11)
    )
    client.force_login(clerk)
    shows(page(client, "/inquiries/"), ["問合せ受付簿", "未完結のみ", "対応中"], ["Inquiry log"])
    shows(
        page(english(client), "/inquiries/"),
        ["<h1>Inquiry register</h1>", "Record a new inquiry", "Open only", "Export the log as PDF", "山田"],
        ["問合せ受付簿", "未完結のみ", "対応中"],
    )
    form = page(client, "/inquiries/new/")
    shows(form, ["<h1>Record a new inquiry</h1>", "Received at", "Closed at"], ["受付日時", "完結日時"])
    shows(
        page(client, "/inquiries/print/", {"year": 2026}),
        ["Log of inquiries about the handling of specific personal information files (2026)", "Closed on"],
        ["問合せ受付簿", "完結日"],
    )


# --- imports, pre-screen, results, transfers, bundles -----------------------------------------


def test_imports_upload_in_english(client, admin_user):
    client.force_login(admin_user)
    shows(page(client, "/imports/"), ["住民記録・所得情報の取込", "最近の取込"], ["Recent imports"])
    shows(
        page(english(client), "/imports/"),
        ["<h1>Import resident records and income data</h1>", "Recent imports", "No imports yet.", "CSV file"],
        ["住民記録・所得情報の取込", "最近の取込", "まだ取込はありません"],
    )


def test_consultation_pre_screen_in_english(client, clerk):
    client.force_login(clerk)
    shows(
        page(client, "/consultation/"), ["免除の所得基準 事前判定 (参考)", "本人の年齢"], ["Applicant's age"]
    )
    text = page(english(client), "/consultation/")
    shows(
        text,
        [
            "<h1>Exemption income pre-screen (guide only)</h1>",
            "Guide only: the decision is made by the Japan Pension Service (JPS)",
            "Applicant&#x27;s age",
            "Exemption year",
            "No spouse",
            "Head of household",
        ],
        ["免除の所得基準", "本人の年齢", "配偶者なし", "判定する"],
    )
    errors = client.post("/consultation/", {}).content.decode()
    shows(
        errors,
        [
            "Check what you entered. No check has been made.",
            "Enter the applicant&#x27;s previous year&#x27;s income",
        ],
        ["入力内容を確認してください", "本人の前年所得を入力してください"],
    )


def test_results_and_discrepancies_in_english(client, clerk, supervisor):
    client.force_login(supervisor)  # a 係長's screen (issue 11)
    shows(page(client, "/results/"), ["処理結果一覧表の取込", "取込履歴"], ["Import JPS processing results"])
    shows(
        page(english(client), "/results/"),
        [
            "<h1>Import JPS processing results</h1>",
            "Import history",
            "No files imported yet.",
            "No uploads are waiting.",
        ],
        ["処理結果一覧表の取込", "取込履歴", "確認待ち"],
    )
    client.force_login(clerk)
    shows(
        page(client, "/results/discrepancies/"),
        ["<h1>Reconciliation discrepancies</h1>", "No matching discrepancies.", ">Filter<"],
        ["突合の不一致", "該当する不一致はありません"],
    )


def test_transfers_in_english(client, clerk):
    client.force_login(clerk)
    shows(page(client, "/transfers/"), ["住基への移転", "移転を依頼する"], ["Request a transfer"])
    shows(
        page(english(client), "/transfers/"),
        ["<h1>Transfers to the resident registry</h1>", "Request a transfer", "Reason for request"],
        ["住基への移転", "移転を依頼する", "依頼理由"],
    )
    response = client.post("/transfers/", {"reason": "月次の反映", **TRANSFER_DOCUMENT_FORM}, follow=True)
    shows(
        response.content.decode(),
        ["Transfer requested. It can be produced once a supervisor approves it.", "月次の反映"],
        ["移転を依頼しました"],
    )


def test_bundle_list_in_english(client, supervisor):
    client.force_login(supervisor)
    shows(page(client, "/bundles/"), ["週次送付 (日本年金機構)"], ["Weekly bundles"])
    shows(
        page(english(client), "/bundles/"),
        [
            "<h1>Weekly bundles (Japan Pension Service (JPS))</h1>",
            "Create this week's bundle",
            "No bundles yet.",
        ],
        ["週次送付", "今週分の送付を作成"],
    )


# --- resident page and 「個人番号を表示」 ------------------------------------------------------


def test_resident_page_in_english(client, clerk, person):
    client.force_login(clerk)
    shows(page(client, f"/residents/{person.pk}/"), ["宛名情報", "年金基本情報"], ["Resident details"])
    text = page(english(client), f"/residents/{person.pk}/")
    shows(
        text,
        [
            "年金 花子",
            "<h2>Resident record</h2>",
            "<h2>Basic pension record</h2>",
            "Resident ID (atena no.)",
            "Basic Pension Number",
            "<h2>Show My Number</h2>",
            "Note (required for “Other”)",
            "No coverage records.",
        ],
        ["宛名情報", "年金基本情報", "個人番号を表示", "資格情報はありません"],
    )


def test_mynumber_reveal_in_english(client, clerk, person):
    client.force_login(clerk)
    english(client)
    missing = client.post(f"/residents/{person.pk}/mynumber/", {}).content.decode()
    assert "<h1>Show My Number</h1>" in missing and "個人番号の表示" not in missing
    asked = client.post(f"/residents/{person.pk}/mynumber/", {"purpose": "identity"}).content.decode()
    shows(
        asked, ["Showing the number needs a supervisor&#x27;s approval", "Ask for approval"], ["係長の承認"]
    )
    h.start_case(clerk=clerk, resident=person)  # a case at the clerk's office: no approval needed
    shown = client.post(f"/residents/{person.pk}/mynumber/", {"purpose": "identity"}).content.decode()
    shows(
        shown,
        ["This display has been logged with its purpose.", "Back to resident and pension records"],
        ["この表示は利用目的とともに記録されました", "宛名・年金記録に戻る"],
    )
