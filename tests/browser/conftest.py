"""One Chromium for the whole browser run, one live server (pytest-django's), a screenshot of the
page whenever a browser test fails (var/browser/failures/)."""

import pytest

from cases.security.views import language
from tests.browser.browser import SHOTS, Browser, chromium_start
from tests.conftest import make_user

FAILURES = SHOTS.parent / "failures"


@pytest.fixture(scope="session")
def chromium():
    driver = chromium_start()
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def browser(request, chromium, live_server, transactional_db, reference_data, settings):
    # The live server answers on 127.0.0.1 with its own port; CSRF checks the origin against it.
    settings.CSRF_TRUSTED_ORIGINS = [live_server.url]
    chromium.delete_all_cookies()
    person = Browser(chromium, live_server.url)
    yield person
    if request.node.stash.get(_FAILED, False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        path = FAILURES / f"{request.node.name}.png"
        chromium.save_screenshot(str(path))
        print(f"\nscreenshot of the failed page: {path} ({chromium.current_url})")


@pytest.fixture
def staff(office, other_office):
    """The people of the day, named as the demo names them (the manual's pictures show these)."""
    people = {
        "clerk": make_user("clerk-honcho", "clerk", office),
        "clerk2": make_user("clerk2-honcho", "clerk", office),
        "supervisor": make_user("supervisor-honcho", "supervisor", office),
        # 処理結果一覧表 are applied by a second 係長 (issue 11 H1).
        "supervisor2": make_user("supervisor2-honcho", "supervisor", office),
        "auditor": make_user("auditor", "auditor", office),
        "admin": make_user("admin", "admin", office),
    }
    for user, name in zip(
        people.values(),
        ("窓口 一郎", "窓口 花子", "係長 次郎", "係長 五郎", "監査 三郎", "管理 四郎"),
        strict=True,
    ):
        user.display_name = name
        user.save(update_fields=["display_name"])
    people["admin"].is_staff = True
    people["admin"].save(update_fields=["is_staff"])
    return people


@pytest.fixture
def language_posts(monkeypatch):
    """What each language switch sent to the server (the live server runs in this process)."""
    sent = []
    real = language.set_language

    def recording(request):
        sent.append(dict(request.POST.lists()))
        return real(request)

    monkeypatch.setattr(language, "set_language", recording)
    return sent
