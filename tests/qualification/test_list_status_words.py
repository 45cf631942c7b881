"""A 勧奨 list row that matched nobody (or whose person is not one to solicit) is 「該当なし」: the walk of
2026-12-07 read "Not applicable" on the English list, the English of the same msgid on the 扶養
screens (本人障害者・本人寡婦 該当なし, where it is right). The list's own use has its own context and
reads "Not matched", as its counts line above ("not matched 1") does."""

import pytest
from django.conf import settings
from django.utils import translation

from cases.common.codes import DisabilityStatus, WidowStatus
from cases.qualification.lists import list_import
from cases.qualification.models import QualificationList, QualificationListRow
from tests.qualification.helpers import person
from tests.qualification.test_lists import loss_list

pytestmark = pytest.mark.django_db


def _badges(page: str) -> list[str]:
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [part.split(">", 1)[1].split("<", 1)[0] for part in body.split('<span class="badge')[1:]]


def test_an_unmatched_list_row_reads_not_matched_in_english(client, clerk):
    data = (
        loss_list(person(kana_name="イチ タロウ")) + "9999999999,ナイ ヒト,1990-01-01,2026-01-01\n".encode()
    )
    qlist = list_import(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS, filename="a.csv", data=data, by=clerk
    )
    assert qlist.rows.filter(status=QualificationListRow.Status.UNMATCHED).count() == 1
    client.force_login(clerk)
    assert _badges(client.get(f"/qualification/lists/{qlist.pk}/").content.decode()) == [
        "該当あり",
        "該当なし",
    ]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert _badges(client.get(f"/qualification/lists/{qlist.pk}/").content.decode()) == [
        "Matched",
        "Not matched",
    ]


def test_the_other_screens_keep_not_applicable():
    with translation.override("en"):
        assert str(DisabilityStatus.NONE.label) == str(WidowStatus.NONE.label) == "Not applicable"
