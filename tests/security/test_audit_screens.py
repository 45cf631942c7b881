import pytest

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction, AuditEntry
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(clerk, clerk2):
    person = ResidentFactory(atena_no="Z0000001")
    audit_record(action=AuditAction.VIEW, actor=clerk, resident_id=person.pk, target="case")
    audit_record(action=AuditAction.MYNUMBER_SEARCH, actor=clerk2, purpose="免除申請の本人特定", target="s")
    return person


def test_auditor_filters_by_user_person_and_action(client, auditor, entries):
    client.force_login(auditor)
    page = client.get("/audit/", {"username": "clerk2"}).content.decode()
    assert "免除申請の本人特定" in page and "clerk1" not in page
    page = client.get("/audit/", {"atena_no": "Z0000001"}).content.decode()
    assert "clerk1" in page and "免除申請の本人特定" not in page
    page = client.get("/audit/", {"action": "mynumber_search"}).content.decode()
    assert "個人番号による検索" in page


def test_auditor_runs_the_tamper_check_from_the_screen(client, auditor, entries):
    client.force_login(auditor)
    assert "ハッシュ連鎖は正常です" in client.get("/audit/", {"verify": "1"}).content.decode()


def test_csv_report_contains_the_rows_and_is_itself_logged(client, auditor, entries):
    client.force_login(auditor)
    response = client.get("/audit/report.csv", {"username": "clerk2"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("ID,日時,ユーザーID")
    assert "免除申請の本人特定" in body and "clerk1" not in body
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor_username="auditor1").exists()


@pytest.mark.parametrize("persona", ["clerk", "supervisor", "operator", "admin_user"])
def test_only_auditors_see_the_log(client, request, persona, entries):
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/report.csv").status_code == 403


def test_bad_filter_shows_an_error_and_no_rows(client, auditor, entries):
    client.force_login(auditor)
    page = client.get("/audit/", {"date_from": "2026-12-01", "date_to": "2026-11-01"}).content.decode()
    assert "終了日は開始日以降" in page and "clerk1" not in page
    # Not "no records": the filter was not applied at all.
    assert "該当する記録はありません" not in page


def test_the_csv_refuses_a_bad_filter_instead_of_an_empty_file(client, auditor, entries):
    """/audit/report.csv?date_from=2026-13-01 answered 200 with the header only."""
    client.force_login(auditor)
    response = client.get("/audit/report.csv", {"date_from": "2026-13-01"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
    page = response.content.decode()
    assert "抽出条件に誤りがあります。CSV は出力していません" in page
    assert "開始日" in page and "該当する記録はありません" not in page
