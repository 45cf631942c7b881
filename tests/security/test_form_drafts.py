"""A form sent after the session ended is kept in the browser tab for after the login (cases/static/cases/
draft.js): what the server puts in the pages for it. The script itself is driven in a real browser by
tests/browser/test_form_draft.py; without JavaScript every page works as before (nothing here changes
what the server saves or refuses)."""

import base64
import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from cases.common.identifiers.eras import ERAS
from cases.security.forms.auth import TotpCodeForm
from tests.factories import applicant_with_household
from tests.security.auth_helpers import last_request_ago, login, page
from workflows.forms.search import MyNumberSearchForm

pytestmark = pytest.mark.django_db

# The 入力 forms whose typed input is worth keeping (a search, a password or a confirmation is not).
DRAFTED = [
    "cases/templates/cases/consultation.html",
    "cases/templates/cases/inquiries/form.html",
    "cases/templates/cases/results/discrepancy.html",
    "workflows/templates/workflows/intake/exemption.html",
    "workflows/templates/workflows/disability/intake.html",
    "workflows/templates/workflows/qualification/intake.html",
    "workflows/templates/workflows/requests/intake.html",
    "workflows/templates/workflows/steps/verify_identity.html",
    "workflows/templates/workflows/steps/await_documents.html",
    "workflows/templates/workflows/disability/await_documents.html",
    "workflows/templates/workflows/steps/enter_data.html",
    "workflows/templates/workflows/disability/enter_data.html",
    "workflows/templates/workflows/qualification/enter_data.html",
    "workflows/templates/workflows/qualification/receive.html",
    "workflows/templates/workflows/steps/cross_check.html",
    "workflows/templates/workflows/steps/kernel_cross_check.html",
    "workflows/templates/workflows/qualification/cross_check.html",
    "workflows/templates/workflows/steps/kernel_approve.html",
    "workflows/templates/workflows/qualification/approve.html",
    "workflows/templates/workflows/requests/approve.html",
    "workflows/templates/workflows/requests/respond.html",
    "workflows/templates/workflows/requests/answer.html",
]
NEVER_DRAFTED = [
    "cases/templates/cases/login.html",
    "cases/templates/cases/login_totp.html",
    "cases/templates/cases/password_change.html",
    "cases/templates/cases/totp_setup.html",
    "cases/templates/cases/residents/_reveal_form.html",
]
FORM_TAG = re.compile(r"<form\b[^>]*>")


def _forms(body: str) -> list[str]:
    return FORM_TAG.findall(body)


def _owner(body: str) -> str:
    found = re.search(r'<body[^>]*\sdata-draft-user="([^"]*)"', body)
    return found.group(1) if found else ""


def _key(body: str) -> str:
    found = re.search(r'<body[^>]*\sdata-draft-key="([^"]*)"', body)
    return found.group(1) if found else ""


def test_the_draft_key_is_only_on_signed_in_pages_per_user_and_changes_with_the_password(
    client, clerk, clerk2
):
    """The tab keeps the draft encrypted (draft.js, AES-GCM) under a key that only the same user's signed-in
    pages carry: a person at a locked terminal reads nothing from the storage, and the login page (or any
    page an anonymous visitor gets) hands out no key."""
    for anonymous in (client.get("/login/"), client.get("/desk/", follow=True), client.get("/login/totp/")):
        assert "data-draft-key" not in page(anonymous)
    login(client, "clerk1")
    first = _key(page(client.get("/desk/")))
    assert len(base64.b64decode(first, validate=True)) == 32
    assert first != _owner(page(client.get("/desk/")))
    client.post("/logout/")
    assert "data-draft-key" not in page(client.get("/login/"))
    login(client, "clerk1")
    assert _key(page(client.get("/inquiries/new/"))) == first, "the same at every login"
    client.post("/logout/")
    login(client, "clerk2")
    other = _key(page(client.get("/desk/")))
    assert other and other != first
    client.post("/logout/")
    # A changed password (changed by its owner, or reset by an administrator) makes an older draft unreadable.
    clerk.set_password("another-pw-for-tests-2")
    clerk.save()
    login(client, "clerk1", "another-pw-for-tests-2")
    changed = _key(page(client.get("/desk/")))
    assert changed and changed != first


def test_a_signed_in_page_names_its_user_by_a_hash_stable_across_logins(client, clerk, clerk2):
    """The draft is kept for the same user only: the page says who is signed in, without the id."""
    login(client, "clerk1")
    first = _owner(page(client.get("/desk/")))
    client.post("/logout/")
    login(client, "clerk1")
    again = _owner(page(client.get("/desk/")))
    client.post("/logout/")
    login(client, "clerk2")
    other = _owner(page(client.get("/desk/")))
    assert len(first) >= 16 and first == again
    assert other and other != first
    assert str(clerk.pk) not in (first, again) and clerk.username not in first


def test_the_login_page_names_nobody_and_says_when_a_draft_was_kept(client, db):
    body = page(client.get("/login/"))
    assert "data-draft-user" not in body
    # The login page turns a form just sent into a kept draft (and says so, only then).
    assert re.search(r'<script src="[^"]*cases/draft\.js" defer></script>', body)
    assert re.search(r"<p[^>]*data-draft-kept[^>]*hidden", body)


def test_signed_in_pages_load_the_draft_script_and_carry_the_note_without_inline_script(client, clerk):
    client.force_login(clerk)
    body = page(client.get("/desk/"))
    assert re.search(r'<script src="[^"]*cases/draft\.js" defer></script>', body)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "inline script"
    restored = re.search(r'<template id="draft-restored">(.*?)</template>', body, re.S)
    assert restored, "the restored note"
    assert "入力していた内容を戻しました。確認してから保存してください。" in restored.group(1)
    assert re.search(r"<button type=\"button\"[^>]*data-draft-discard", restored.group(1))
    elsewhere = re.search(r'<template id="draft-elsewhere">(.*?)</template>', body, re.S)
    assert (
        elsewhere and "data-draft-link" in elsewhere.group(1) and "data-draft-discard" in elsewhere.group(1)
    )


ELSEWHERE = "入力していた内容がこのタブに残っています。"


@pytest.mark.parametrize(
    ("language", "kept", "untrue"),
    [("ja", ELSEWHERE, "ログイン前"), ("en", "What you had typed is kept in this tab.", "logging in")],
)
def test_the_note_for_a_draft_of_another_page_does_not_say_it_was_typed_before_a_login(
    client, clerk, language, kept, untrue
):
    """draft-elsewhere shows after a login and after a language switch that did not come back to the page typed
    in (set_language returns to the Referer, or to / without one): 「ログイン前に」 was untrue for the second."""
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    body = page(client.get("/desk/"))
    elsewhere = re.search(r'<template id="draft-elsewhere">(.*?)</template>', body, re.S)
    assert elsewhere and kept in elsewhere.group(1)
    assert untrue not in elsewhere.group(1)


def test_the_logout_button_discards_the_draft(client, clerk):
    client.force_login(clerk)
    logout = [tag for tag in _forms(page(client.get("/desk/"))) if 'action="/logout/"' in tag]
    assert logout and "data-draft-clear" in logout[0]


def test_the_not_saved_message_tells_the_script_to_keep_the_draft(client, clerk):
    """Only the login page saying 「送信した内容は保存されていません」 keeps what the form sent: any other page
    after a submit means the server had the form (saved it, or showed it again with its errors)."""
    login(client, "clerk1")
    client.post("/logout/")
    sent = page(client.post("/inquiries/new/", {"detail": "電話で照会"}, follow=True))
    assert re.search(r"<li[^>]*data-draft-keep[^>]*>[^<]*送信した内容は保存されていません", sent)
    # The idle timeout: the same.
    login(client, "clerk1")
    last_request_ago(client, settings.NENKIN_IDLE_TIMEOUT_SECONDS + 1)
    sent = page(client.post("/inquiries/new/", {"detail": "電話で照会"}, follow=True))
    assert re.search(r"<li[^>]*data-draft-keep[^>]*>[^<]*送信した内容は保存されていません", sent)
    # A page visited after the idle timeout (no form sent) keeps nothing.
    login(client, "clerk1")
    last_request_ago(client, settings.NENKIN_IDLE_TIMEOUT_SECONDS + 1)
    visited = page(client.get("/desk/", follow=True))
    assert "一定時間操作がなかったため" in visited and "data-draft-keep" not in visited
    # A form sent while signed in: its answer keeps nothing either.
    login(client, "clerk1")
    answered = page(client.post("/inquiries/new/", {"detail": "電話で照会"}, follow=True))
    assert "data-draft-keep" not in answered


def test_input_forms_are_marked_for_the_draft(client, clerk):
    client.force_login(clerk)
    inquiry = _forms(page(client.get("/inquiries/new/")))
    assert [tag for tag in inquiry if 'method="post"' in tag and re.search(r"\sdata-draft[\s>]", tag)]
    applicant, _spouse = applicant_with_household()
    intake = _forms(page(client.get(f"/intake/exemption/{applicant.pk}/")))
    assert len([tag for tag in intake if re.search(r"\sdata-draft[\s>]", tag)]) == 1
    # The intake search: the 個人番号 search's 利用目的 and 備考 are kept (the number never), and the name
    # search too: a language switch emptied it (the walk of issue 14), and it is sent again (data-draft-search)
    # to show its results in the other language.
    # (The header's logout and the footer's language switch name their action; the searches post to the page.)
    search = [tag for tag in _forms(page(client.get("/intake/"))) if "action=" not in tag]
    assert len(search) == 2  # the name search, then the 個人番号 search
    assert re.search(r"\sdata-draft[\s>]", search[0]) and "data-draft-search" in search[0]
    assert re.search(r"\sdata-draft[\s>]", search[1]) and "data-draft-search" not in search[1]


def _name_search_tag(body: str) -> str:
    (tag,) = [tag for tag in _forms(body) if "data-draft-search" in tag]
    return tag


def test_the_name_search_says_when_the_page_shows_its_results(client, clerk):
    """draft.js sends the name search again after a language switch only when the page showed that search's
    results (data-draft-results) for the values its boxes still hold: typed and never sent, it only comes back."""
    applicant, _spouse = applicant_with_household()
    client.force_login(clerk)
    assert "data-draft-results" not in _name_search_tag(page(client.get("/intake/")))
    found = page(client.post("/intake/", {"search": "name", "kanji": "旭"}))
    assert applicant.kanji_name in found
    assert "data-draft-results" in _name_search_tag(found)
    none = page(client.post("/intake/", {"search": "name", "kanji": "該当なし"}))
    assert "該当する方はいません。" in none and "data-draft-results" in _name_search_tag(none)
    refused = page(client.post("/intake/", {"search": "name"}))  # no criterion: no results, an error
    assert "data-draft-results" not in _name_search_tag(refused)
    number = page(client.post("/intake/", {"number": "123456789018", "purpose": "other", "note": "確認"}))
    assert "data-draft-results" not in _name_search_tag(number)


def test_the_language_switch_carries_the_typed_forms_and_sends_only_the_language(client, clerk):
    """Switching the language reloads the page: draft.js keeps its typed forms in the tab (data-draft-carry)
    and puts them back; the switch's own form is never a draft and holds nothing typed."""
    client.force_login(clerk)
    applicant, _spouse = applicant_with_household()
    body = page(client.get(f"/intake/exemption/{applicant.pk}/"))
    switch = re.search(r'<form[^>]*action="/language/"[^>]*>(.*?)</form>', body, re.S)
    assert switch and "data-draft-carry" in switch.group(0)
    assert not re.search(r"\sdata-draft[\s>]", switch.group(0))
    names = re.findall(r'\sname="([^"]+)"', switch.group(1))
    assert set(names) == {"csrfmiddlewaretoken", "language"}, names


@pytest.mark.parametrize("template", DRAFTED)
def test_every_input_form_template_marks_its_form(template):
    forms = _forms((Path(settings.BASE_DIR) / template).read_text(encoding="utf-8"))
    assert any(re.search(r"\sdata-draft[\s>]", tag) for tag in forms), f"{template}: no form has data-draft"


@pytest.mark.parametrize("template", NEVER_DRAFTED)
def test_login_password_and_mynumber_reveal_forms_are_never_drafted(template):
    forms = _forms((Path(settings.BASE_DIR) / template).read_text(encoding="utf-8"))
    assert forms and not [tag for tag in forms if "data-draft" in tag]


def test_the_mynumber_box_is_marked_never_to_be_kept(client, clerk):
    """番号法: the 個人番号 is not written to the browser's storage, whatever the form."""
    assert "data-draft-skip" in MyNumberSearchForm().fields["number"].widget.attrs
    client.force_login(clerk)
    boxes = re.findall(r'<input[^>]*name="number"[^>]*>', page(client.get("/intake/")))
    assert len(boxes) == 1
    assert "data-draft-skip" in boxes[0] and 'type="password"' in boxes[0]


def test_the_one_time_code_is_marked_never_to_be_kept():
    assert "data-draft-skip" in TotpCodeForm().fields["code"].widget.attrs


def test_the_script_keeps_drafts_in_the_tab_only_and_skips_secrets():
    """sessionStorage ends with the tab and is not shared with other tabs; localStorage would outlive
    both the tab and the browser."""
    script = Path(finders.find("cases/draft.js")).read_text(encoding="utf-8")
    assert "sessionStorage" in script and "localStorage" not in script
    # Encrypted in the tab, under a key the script cannot hand out again (not extractable).
    assert "AES-GCM" in script and re.search(r"importKey\(\s*\"raw\"[^;]*false", script)
    for skipped in ("data-draft-skip", "password", "file", "hidden", "csrfmiddlewaretoken", "one-time-code"):
        assert skipped in script, skipped


def test_date_boxes_say_whether_they_hold_a_day_or_a_month(client, clerk):
    """draft.js puts a date back after a language switch as the new page spells it (和暦 / ISO): it knows a
    date box by data-date, which every WarekiDateField and MonthField box carries, whatever its widget."""
    applicant, _spouse = applicant_with_household()
    client.force_login(clerk)
    body = page(client.get(f"/intake/exemption/{applicant.pk}/"))
    for name, kind in (("received_on", "day"), ("period_start", "month"), ("job_loss_date", "day")):
        (box,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', body)
        assert f'data-date="{kind}"' in box, box
    (remarks,) = re.findall(r'<textarea[^>]*name="remarks"[^>]*>', body)
    assert "data-date" not in remarks
    (birth,) = re.findall(r'<input[^>]*name="birth_date"[^>]*>', page(client.get("/intake/")))
    assert 'data-date="day"' in birth


def test_the_script_knows_the_eras_the_server_knows():
    """draft.js spells a date in 和暦 with its own table of eras: the same as the server's (an era added to
    cases/common/identifiers/eras.py and not to the script would spell the new era's dates wrongly)."""
    script = Path(finders.find("cases/draft.js")).read_text(encoding="utf-8")
    table = re.search(r"var ERAS = \[(.*?)\];", script, re.S)
    assert table, "no table of eras in draft.js"
    eras = re.findall(r'\["(\S+?)", "([A-Z])", (\d+), (\d+), (\d+)\]', table.group(1))
    assert [(name, letter, dt.date(int(y), int(m), int(d))) for name, letter, y, m, d in eras] == [
        (era.name, era.letter, era.start) for era in ERAS
    ]
