"""The case header's 送付用 spelling for someone who may not give it (QA walk, 2026-12-06): another office's
係長, or a role without the permission (監査), read 「…を下で入力してください」 with no box below; they are
told who gives it instead."""

import datetime as dt

import pytest

from cases.common.codes import InsuredKind
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
