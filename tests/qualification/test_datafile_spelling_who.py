"""The case header's 送付用 spelling for someone who may not give it (QA walk, 2026-12-06): another office's
係長, or a role without the permission (監査), read 「…を下で入力してください」 with no box below; they are
told who gives it instead."""

import datetime as dt

import pytest

from cases.common.codes import InsuredKind
from cases.security.models.offices import Office
from cases.submission.sendable import datafile_panel
from tests.conftest import make_user
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db
YOSHI = "\U00020bb7"
BELOW = "下で入力してください"


@pytest.fixture
def yoshida(clerk):
    """A case of the 本庁 whose 漢字氏名 the data file cannot carry."""
    resident = person(kind=InsuredKind.FIRST, kanji_name=f"{YOSHI}田 花子")
    return intake(clerk, resident, kind="death", event="death", event_date=dt.date(2026, 4, 1))


def header(client, user, case) -> str:
    client.force_login(user)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "送付データ (機構) に載せられません" in page  # the problem is shown to everyone who sees the case
    return page


def test_the_clerk_of_the_office_is_asked_to_give_it_below(client, clerk, yoshida):
    page = header(client, clerk, yoshida)
    assert BELOW in page and 'name="kanji_name"' in page


@pytest.mark.parametrize("who", ["kamui_supervisor", "auditor"])
def test_who_may_not_give_it_is_told_who_does_and_offered_no_box(
    client, yoshida, office, other_office, auditor, who
):
    user = make_user("super-kamui", "supervisor", other_office) if who == "kamui_supervisor" else auditor
    assert not datafile_panel(user=user, case=yoshida)["editable"]
    page = header(client, user, yoshida)
    assert BELOW not in page and 'name="kanji_name"' not in page
    assert f"この案件の事務所 ({office.name}) の窓口担当か係長が入力します" in page


# The 本庁's 係長 act for every office (cases/security/scope.py): they may give a branch case's spelling too,
# and the sentence said only the case's office's 窓口担当 and 係長 (2026-12-07).


@pytest.fixture
def kamui_case(other_office):
    """A case of a branch (神居支所) whose 漢字氏名 the data file cannot carry."""
    kamui_clerk = make_user("clerk-kamui", "clerk", other_office)
    resident = person(kind=InsuredKind.FIRST, kanji_name=f"{YOSHI}川 一郎")
    return intake(kamui_clerk, resident, kind="death", event="death", event_date=dt.date(2026, 4, 1))


def test_who_may_give_a_branch_cases_spelling(kamui_case, office, other_office, clerk, supervisor, auditor):
    assert kamui_case.office == other_office
    may = {
        "the branch's clerk": make_user("clerk2-kamui", "clerk", other_office),
        "the branch's 係長": make_user("super-kamui", "supervisor", other_office),
        "the 本庁's 係長": supervisor,
    }
    may_not = {"the 本庁's clerk": clerk, "an auditor": auditor}
    assert all(datafile_panel(user=user, case=kamui_case)["editable"] for user in may.values())
    assert not any(datafile_panel(user=user, case=kamui_case)["editable"] for user in may_not.values())


@pytest.mark.parametrize("who", ["nagayama_supervisor", "auditor"])
def test_a_branch_cases_reader_is_told_the_main_offices_supervisor_may_give_it_too(
    client, kamui_case, other_office, auditor, who
):
    nagayama = Office.objects.get(code="nagayama")
    user = make_user("super-nagayama", "supervisor", nagayama) if who == "nagayama_supervisor" else auditor
    page = header(client, user, kamui_case)
    assert BELOW not in page and 'name="kanji_name"' not in page
    assert f"この案件の事務所 ({other_office.name}) の窓口担当か係長、または本庁の係長が入力します" in page


def test_the_sentence_goes_through_the_catalogue(client, monkeypatch, kamui_case, other_office, auditor):
    from django.conf import settings

    from tests.i18n.pending import english_pending

    message_id = (
        "住民記録は変更できません。送付データにだけ使う表記 (例: 𠮷 → 吉、ヰ → イ、長いカナ氏名・住所の短縮) は、"
        "この案件の事務所 (%(office)s) の窓口担当か係長、または本庁の係長が入力します。入力されるまで、"
        "この案件を含む送付は ZIP の作成も封緘もできません (案件は送付に残ります)。"
    )
    english = english_pending(monkeypatch, message_id)[message_id]
    client.force_login(auditor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/cases/{kamui_case.pk}/").content.decode()
    assert english % {"office": other_office.name} in page


def test_the_main_offices_supervisor_gives_a_branch_cases_spelling_on_its_page(
    client, kamui_case, supervisor
):
    client.force_login(supervisor)
    page = client.get(f"/cases/{kamui_case.pk}/").content.decode()
    assert BELOW in page and 'name="kanji_name"' in page
    client.post(f"/cases/{kamui_case.pk}/datafile-spelling/", {"kanji_name": "吉川 一郎"})
    kamui_case.refresh_from_db()
    assert kamui_case.sent_kanji_name == "吉川 一郎"
