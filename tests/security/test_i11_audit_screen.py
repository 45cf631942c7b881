"""Issue 11, "tried as a new user would": role and scope refusals are in the access log (rate-limited
per user and URL), and the auditor's screen, CSV and PDF show what a person reads — staff names, office
names, 整理番号, 宛名番号, Japanese action labels — and the filters take what is shown."""

import csv
import io

import pytest
from django.core.cache import cache

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction, AuditEntry
from documents.reports import audit_report_snapshot
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def shown(clerk, office):
    """The entry the issue quotes: task:verify_identity, office honcho, 宛名ID 215."""
    clerk.display_name = "旭川 花子"
    clerk.save(update_fields=["display_name"])
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    audit_record(
        action=AuditAction.VIEW,
        actor=clerk,
        resident_id=applicant.pk,
        case_id=case.pk,
        target="task:verify_identity",
    )
    return {"case": case, "resident": applicant, "office": office, "clerk": clerk}


def test_the_screen_shows_names_numbers_and_japanese_labels(client, auditor, shown):
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    assert "旭川 花子" in page and shown["office"].name in page
    assert shown["resident"].atena_no in page and shown["case"].number in page
    assert "作業: 本人確認" in page
    assert "task:verify_identity" not in page


def test_the_filters_take_what_is_shown(client, auditor, shown):
    client.force_login(auditor)
    for params in (
        {"atena_no": shown["resident"].atena_no},
        {"case_number": shown["case"].number},
        {"username": "旭川 花子"},
        {"username": shown["clerk"].username},
        {"office": shown["office"].code},
    ):
        page = client.get("/audit/", params).content.decode()
        assert "作業: 本人確認" in page, params
    page = client.get("/audit/", {"case_number": "2099-999999"}).content.decode()
    assert "作業: 本人確認" not in page


def test_the_csv_and_the_pdf_report_show_the_same(client, auditor, shown):
    client.force_login(auditor)
    rows = list(csv.reader(io.StringIO(client.get("/audit/report.csv").content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert {"職員", "事務所", "宛名番号", "整理番号"} <= set(header)
    row = next(r for r in body if "作業: 本人確認" in r)
    assert "旭川 花子" in row and shown["office"].name in row
    assert shown["resident"].atena_no in row and shown["case"].number in row
    context = audit_report_snapshot(filters={"case_number": shown["case"].number}).context
    entry = next(e for e in context["entries"] if e["target"] == "作業: 本人確認")
    assert entry["user"].startswith("旭川 花子") and entry["office"] == shown["office"].name
    assert entry["atena_no"] == shown["resident"].atena_no and entry["case_number"] == shown["case"].number


def test_a_role_refusal_is_in_the_access_log_once_per_user_and_url(client, clerk):
    """A clerk opening the auditor's screen: 403, logged; ten more tries add no rows."""
    client.force_login(clerk)
    for _ in range(11):
        assert client.get("/audit/").status_code == 403
    denied = AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=clerk.pk, target="/audit/")
    assert denied.count() == 1
    assert denied.get().detail["reason"] == "permission"
    assert client.get("/bundles/build/").status_code == 405  # not a refusal
    client.post("/bundles/build/")
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, target="/bundles/build/").count() == 1


def test_a_scope_refusal_is_in_the_access_log(client, clerk, other_office):
    """Another office's case answers 404 (its existence is information); the attempt is still logged."""
    from tests.conftest import make_user

    elsewhere = make_user("clerk-kamui", "clerk", other_office)
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(elsewhere)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    entry = AuditEntry.objects.get(action=AuditAction.DENIED, actor_id=elsewhere.pk)
    assert entry.target == f"/cases/{case.pk}/" and entry.detail["reason"] == "not_found"


def test_an_admin_refusal_is_logged_with_the_address_asked_for(client, clerk, admin_user):
    """The admin sends a non-staff user to /admin/login/?next=…, which answers 403: the refusal named
    /admin/login/ and the page actually asked for was lost."""
    client.force_login(clerk)
    asked = f"/admin/cases/user/{admin_user.pk}/password/"
    response = client.get(asked, follow=True)
    assert response.status_code == 403
    (entry,) = AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=clerk.pk)
    assert entry.target == asked and entry.detail["reason"] == "permission"
    assert entry.detail["view"] == "admin:auth_user_password_change"
    # A next that leaves the site is not believed: the login address is logged instead.
    cache.clear()
    client.get("/admin/login/", {"next": "https://evil.example/admin/"})
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, target="/admin/login/").count() == 1
