"""A 勧奨 list's lines that matched nobody name people outside the work (PIA III-2: 「対象者以外の情報を
入手することがないようにする」): their names, birth dates, numbers and employers are erased once
NENKIN_LIST_UNMATCHED_DAYS have passed since the import (the nightly retention job and purge_expired);
the matched lines, and unmatched ones still within the days, keep theirs."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation

from cases.qualification.list_retention import list_unmatched_erase
from cases.qualification.lists import list_import
from cases.qualification.models import QualificationList, QualificationListRow
from cases.security.models.audit import AuditAction, AuditEntry
from tests.qualification.helpers import person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
Status = QualificationListRow.Status
HEADER = "基礎年金番号,カナ氏名,生年月日,事由発生日,事業所名\n"


def _list(clerk, *, days_ago: int) -> QualificationList:
    known = person(kana_name="イル ヒト")
    data = (
        HEADER
        + "9999999999,ナイ ヒト,1990-01-01,2026-01-01,旭川商事\n"
        + f"{known.pension.basic_pension_no},イル ヒト,{known.birth_date},{TODAY - dt.timedelta(days=5)},旭川商事\n"
    ).encode()
    qlist = list_import(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS, filename=f"r{days_ago}.csv", data=data, by=clerk
    )
    QualificationList.objects.filter(pk=qlist.pk).update(
        imported_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return qlist


def _rows(qlist) -> dict[int, QualificationListRow]:
    return {row.line_no: row for row in qlist.rows.all()}


@override_settings(NENKIN_LIST_UNMATCHED_DAYS=90)
def test_unmatched_lines_lose_their_names_after_the_days_and_the_rest_keep_theirs(clerk):
    old, recent = _list(clerk, days_ago=91), _list(clerk, days_ago=89)
    assert _rows(old)[2].status == Status.UNMATCHED and _rows(old)[3].status != Status.UNMATCHED

    assert list_unmatched_erase() == 1

    erased, matched = _rows(old)[2], _rows(old)[3]
    assert (erased.kana_name, erased.birth_date, erased.basic_pension_no, erased.employer) == (
        "",
        None,
        "",
        "",
    )
    assert erased.erased_at is not None and erased.status == Status.UNMATCHED
    # The reason keeps its kind without the number the line gave.
    with translation.override("ja"):
        assert erased.reason_shown == "基礎年金番号 ― の住民がいません"
    assert matched.kana_name == "イル ヒト" and matched.employer == "旭川商事" and matched.erased_at is None
    assert _rows(recent)[2].kana_name == "ナイ ヒト"  # still within the days
    entry = AuditEntry.objects.get(action=AuditAction.PURGE, target=f"qualification_list:{old.pk}")
    assert entry.detail["unmatched_rows_erased"] == 1
    assert list_unmatched_erase() == 0  # nothing twice


@override_settings(NENKIN_LIST_UNMATCHED_DAYS=90)
def test_purge_expired_erases_them_and_its_dry_run_only_counts(clerk, admin_user):
    qlist = _list(clerk, days_ago=120)
    out = StringIO()
    call_command("purge_expired", "--dry-run", "--user", admin_user.username, stdout=out)
    assert "勧奨の一覧の該当なしの行の氏名等 1 行" in out.getvalue()
    assert _rows(qlist)[2].kana_name == "ナイ ヒト"
    call_command("purge_expired", "--user", admin_user.username, stdout=StringIO())
    assert _rows(qlist)[2].kana_name == ""


@override_settings(NENKIN_LIST_UNMATCHED_DAYS=90)
def test_the_list_screen_says_an_erased_line_was_erased(client, clerk):
    qlist = _list(clerk, days_ago=100)
    list_unmatched_erase()
    client.force_login(clerk)
    page = client.get(f"/qualification/lists/{qlist.pk}/").content.decode()
    assert "消去済 (該当なしの行)" in page and "ナイ ヒト" not in page and "イル ヒト" in page
