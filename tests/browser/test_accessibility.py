"""JIS X 8341-3:2016 level AA (the success criteria of WCAG 2.0 A and AA), which the city's procurement
asks of its web systems, checked by axe-core on the pages each role uses, in Japanese and in English.
The manual walk of the fourth session (docs/status.md) had no check behind it; this is that check
(docs/decisions.md §48). One browser session per role, its pages in sequence."""

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from cases.kernel.models import Case
from cases.submission import bundles as bundle_svc
from tests.browser.a11y import axe_violations, report
from tests.bundles.conftest import documents_stub
from tests.disability import helpers as claims
from tests.factories import PensionRecordFactory, applicant_with_household
from tests.qualification import helpers as filings
from tests.workflows import helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("ja", "en")


@pytest.fixture
def office_day(staff, monkeypatch, settings):
    """One case of each type where its screens have something to show, and a week's bundle."""
    from celery import current_app

    # Not pytest's tmp_path, which another run on the machine may prune (tests/bundles/conftest.py).
    media = Path(tempfile.mkdtemp(prefix="nenkin-a11y-"))
    settings.MEDIA_ROOT = media / "media"
    # Approval renders the PDFs on commit; the bundle only needs them to exist (tests/bundles).
    monkeypatch.setattr(current_app.tasks["documents.case_documents"], "delay", lambda *a, **k: None)
    clerk, clerk2, supervisor = staff["clerk"], staff["clerk2"], staff["supervisor"]

    applicant, spouse = applicant_with_household()
    sent = h.start_case(clerk=clerk, resident=applicant)
    h.verify(sent, clerk)
    h.enter(sent, clerk, spouse=spouse)
    h.cross_check(sent, clerk2)
    h.approve(sent, supervisor)
    Case.objects.filter(pk=sent.pk).update(stage_since=timezone.now() - dt.timedelta(hours=1))
    documents_stub(sent)
    bundle = bundle_svc.bundle_build(cutoff_at=timezone.now().replace(second=0, microsecond=0))

    applicant, _spouse = applicant_with_household()
    exemption = h.start_case(clerk=clerk, resident=applicant)
    h.verify(exemption, clerk)
    entering = h._take(exemption, "enter_data", clerk)

    applicant2, spouse = applicant_with_household()
    deciding = h.start_case(clerk=clerk, resident=applicant2)
    h.verify(deciding, clerk)
    h.enter(deciding, clerk, spouse=spouse)
    h.cross_check(deciding, clerk2)

    claim = claims.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    claims.verify(claim, clerk)

    filing = filings.employment_left(clerk)
    yield {
        "tasks": {
            "clerk": [
                entering,
                claims.take(claim, "enter_data", clerk),
                filings.take(filing, "verify_identity", clerk),
            ],
            "supervisor": [h._take(deciding, "approve", supervisor)],
        },
        "exemption": exemption,
        "claim": claim,
        "filing": filing,
        "entering": entering,
        "bundle": bundle,
        "resident": applicant,
    }
    shutil.rmtree(media, ignore_errors=True)


def _pages(role: str, day: dict) -> list[str]:
    exemption, resident = day["exemption"], day["resident"]
    tasks = [f"/desk/tasks/{task.pk}/" for task in day["tasks"].get(role, [])]
    if role == "clerk":
        return [
            *tasks,
            "/desk/",
            "/desk/inbox/",
            "/desk/queue/",
            f"/cases/{exemption.pk}/",
            f"/cases/{day['claim'].pk}/",
            f"/cases/{day['filing'].pk}/",
            "/intake/",
            f"/intake/exemption/{resident.pk}/",
            f"/intake/disability/{resident.pk}/",
            f"/intake/qualification/{resident.pk}/",
            f"/intake/requests/{resident.pk}/",
            f"/residents/{resident.pk}/",
        ]
    if role == "supervisor":
        return [
            "/desk/",
            "/cases/",
            "/bundles/",
            f"/bundles/{day['bundle'].pk}/",
            "/results/",
            "/desk/dashboard/",
        ]
    if role == "auditor":
        return ["/desk/", "/audit/"]
    return ["/admin/"]


def _invalid_input(b, day: dict) -> str:
    """The 入力 screen sent with its required fields emptied: the page with the errors shown. The
    browser's own check is turned off so the server's messages are what is checked."""
    path = f"/desk/tasks/{day['entering'].pk}/"
    b.open(path)
    b.driver.execute_script("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    b.fill("declared_kana_name", "")
    send = b.driver.find_element("css selector", "form[data-draft] button.primary")
    b._after(send.click)
    assert b.driver.find_elements("css selector", ".field-error, .errors"), "no error shown"
    return path + " (エラー表示)"


def _applicant_found(b, day: dict) -> str:
    """受付's search with the applicant found (names are searched by POST, never in the address)."""
    b.open("/intake/")
    b.fill("kana", day["resident"].kana_name)
    b._after(b.driver.find_element("css selector", "main form button[type=submit]").click)
    assert b.driver.find_elements("css selector", f'a[href="/intake/exemption/{day["resident"].pk}/"]')
    return "/intake/ (検索結果)"


def _english(b) -> None:
    """The footer's language button, as a person switches (a cookie; docs/decisions.md §10). Django's
    admin pages have no footer of ours: there the cookie the button sets is set directly."""
    buttons = b.driver.find_elements("css selector", "footer form.language button")
    if buttons:
        b._after(buttons[0].click)
    else:
        b.driver.add_cookie({"name": "django_language", "value": "en", "path": "/"})
        b.driver.refresh()
    assert b.driver.execute_script("return document.documentElement.lang") == "en"


def _checked(b, page: str) -> list[str]:
    language = b.driver.execute_script("return document.documentElement.lang")
    return report(axe_violations(b.driver), f"{page} [{language}]")


def test_the_pages_each_role_uses_pass_axe_in_both_languages(browser, staff, office_day):
    b = browser
    found: list[str] = []
    b.driver.delete_all_cookies()
    for language in LANGUAGES:
        b.open("/login/")
        if language == "en":
            _english(b)
        found += _checked(b, "/login/")
        b.fill("username", "nobody")
        b.fill("password", "wrong-password")
        b._after(b.driver.find_element("css selector", "main form button[type=submit]").click)
        assert b.driver.find_elements("css selector", "[aria-invalid=true], .errors"), "no error shown"
        found += _checked(b, "/login/ (エラー表示)")
    for role in ("clerk", "supervisor", "auditor", "admin"):
        b.login(staff[role].username)  # the cookies cleared: Japanese first
        for language in LANGUAGES:
            if language == "en":
                _english(b)
            for path in _pages(role, office_day):
                b.open(path)
                # The page itself, not a refusal or the login it redirects to.
                assert b.driver.current_url == b.base_url + path, (role, path, b.driver.current_url)
                found += _checked(b, f"{path} ({role})")
            if role == "clerk":
                found += _checked(b, _invalid_input(b, office_day) + " (clerk)")
                found += _checked(b, _applicant_found(b, office_day) + " (clerk)")
    assert not found, f"{len(found)} accessibility violations (WCAG 2.0 A/AA, axe-core):\n" + "\n".join(found)
