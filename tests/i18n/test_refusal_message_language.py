"""A refusal's message in the access log's 理由 was written in the refused user's screen language (status,
sixth session's "Left"): a clerk refused on an English screen wrote "You cannot release a task assigned to
another staff member." into the permanent log, a Japanese one 「他の職員の担当は解除できません。」. The log
keeps Japanese whoever acts (cases/security/refusal_words.py); the auditor's screen and CSV word a message
written from the catalogue in the reader's language; stored rows are never touched, and an old English
message reads as it was written.
"""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from cases.security.audit import audit_chain_verify, audit_record
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.refusal_words import refusal_message_kept, refusal_message_shown
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
RELEASE_JA = "他の職員の担当は解除できません。"


def english(message_id: str) -> str:
    with translation.override("en"):
        return translation.gettext(message_id)


@pytest.fixture
def held_task(clerk, reference_data):
    cache.clear()  # a refusal is logged once per user and URL for a while
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    return h.open_task(case, "verify_identity")


def refused_on(client, user, task, language: str) -> AuditEntry:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.post(f"/desk/tasks/{task.pk}/release/", follow=True).content.decode()
    assert (RELEASE_JA if language == "ja" else english(RELEASE_JA)) in page  # the user reads their language
    return AuditEntry.objects.get(actor_id=user.pk, action=AuditAction.DENIED)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_refusal_on_any_screen_is_kept_in_japanese(client, clerk2, held_task, language):
    assert english(RELEASE_JA) != RELEASE_JA  # the catalogue has the English
    entry = refused_on(client, clerk2, held_task, language)
    assert entry.detail["message"] == RELEASE_JA


def test_a_message_with_a_part_filled_in_is_kept_in_japanese_with_the_part_too(supervisor, other_office):
    """Parts that are themselves message ids (a kind of account) are kept in Japanese as well; a login ID
    stays as it is."""
    from cases.security.credential_resets import credential_reset_refusal

    admin = make_user("admin-kamui", "admin", other_office)
    with translation.override("ja"):
        japanese = credential_reset_refusal(admin, "password")
    with translation.override("en"):
        shown = credential_reset_refusal(admin, "password")
        assert shown != japanese and "admin-kamui" in shown
        assert refusal_message_kept(shown) == japanese
        assert refusal_message_kept(translation.gettext_lazy(RELEASE_JA)) == RELEASE_JA


def test_a_message_not_from_the_catalogue_is_kept_as_written():
    with translation.override("en"):
        assert refusal_message_kept("Something typed by hand") == "Something typed by hand"


def logged(user, message: str) -> AuditEntry:
    audit_record(
        action=AuditAction.DENIED,
        actor=user,
        target="/desk/tasks/1/release/",
        detail={"reason": "permission", "view": "task_release", "method": "POST", "message": message},
    )
    return AuditEntry.objects.latest("id")


def test_the_auditors_screen_and_csv_show_it_in_the_readers_language(client, auditor, clerk2, held_task):
    entry = refused_on(client, clerk2, held_task, "en")
    client.force_login(auditor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert english(RELEASE_JA) in client.get("/audit/").content.decode()
    assert english(RELEASE_JA) in client.get("/audit/report.csv").content.decode("utf-8-sig")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ja"
    page = client.get("/audit/").content.decode()
    assert RELEASE_JA in page and english(RELEASE_JA) not in page
    entry.refresh_from_db()
    assert entry.detail["message"] == RELEASE_JA  # read, never rewritten
    assert audit_chain_verify().ok


def test_a_message_with_parts_is_worded_around_them_and_an_old_english_one_stays(clerk, other_office):
    from cases.security.credential_resets import credential_reset_refusal

    admin = make_user("admin-kamui", "admin", other_office)
    with translation.override("ja"):
        japanese = credential_reset_refusal(admin, "password")
    with translation.override("en"):
        assert refusal_message_shown(japanese) == credential_reset_refusal(admin, "password")
        old = logged(clerk, english(RELEASE_JA))  # written on an English screen before the fix
        assert refusal_message_shown(old.detail["message"]) == english(RELEASE_JA)
        assert refusal_message_shown("手で書いた文") == "手で書いた文"
    with translation.override("ja"):
        assert refusal_message_shown(english(RELEASE_JA)) == english(RELEASE_JA)
        assert refusal_message_shown(japanese) == japanese


def test_the_admins_refusal_for_several_accounts_is_kept_in_japanese_sentence_by_sentence(
    client, admin_user, office, other_office
):
    """Two administrators selected for 二要素認証の解除 on an English screen: one entry, both sentences
    (joined, each taken back to Japanese on its own before)."""
    cache.clear()
    others = [make_user("admin-a", "admin", office), make_user("admin-b", "admin", other_office)]
    client.force_login(admin_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post("/admin/cases/user/", {"action": "totp_reset", "_selected_action": [u.pk for u in others]})
    (entry,) = AuditEntry.objects.filter(action=AuditAction.DENIED, detail__reason="admin_credentials")
    message = entry.detail["message"]
    assert (
        message.startswith("ユーザーID admin-a はシステム管理者のため") and "ユーザーID admin-b は" in message
    )


def test_sentences_joined_are_not_worded_half_and_half(other_office):
    """A part of one sentence never runs into the next: joined, they read as written."""
    from cases.security.credential_resets import credential_reset_refusal

    admins = [make_user(f"admin-{n}", "admin", other_office) for n in "ab"]
    with translation.override("ja"):
        japanese = " ".join(credential_reset_refusal(admin, "totp") for admin in admins)
    with translation.override("en"):
        english_joined = " ".join(credential_reset_refusal(admin, "totp") for admin in admins)
        assert refusal_message_shown(japanese) == japanese
        assert refusal_message_kept(english_joined) == english_joined
