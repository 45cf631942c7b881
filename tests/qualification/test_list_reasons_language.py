"""A 勧奨 list row's reason (why a line matched nobody, or needs no 勧奨) was kept as a sentence in the
language of the clerk who imported the list: kept as code + parameters now, it reads in each reader's
language; rows on file are turned back into codes by migration 0041."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation

from cases.common.codes import ChangeReason
from cases.qualification.lists import list_import
from cases.qualification.models import QualificationList, QualificationListRow
from tests.qualification.helpers import person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
Kind = QualificationList.Kind
HEADER = "基礎年金番号,カナ氏名,生年月日,事由発生日\n"
NOBODY_JA = "基礎年金番号 9999999999 の住民がいません"
NOBODY_EN = "No resident has basic pension number 9999999999"


def _imported_in(language, clerk):
    moved = person(kana_name="サッタ ヒト", removed_on=TODAY - 3 * DAY, change_reason=ChangeReason.MOVE_OUT)
    old = person(kana_name="トシ ヨリ", birth=dt.date(1960, 1, 1))
    data = (
        HEADER
        + "9999999999,ナイ ヒト,1990-01-01,2026-01-01\n"
        + f"{moved.pension.basic_pension_no},サッタ ヒト,{moved.birth_date},{TODAY - 5 * DAY}\n"
        + f"{old.pension.basic_pension_no},トシ ヨリ,1960-01-01,{TODAY - 5 * DAY}\n"
    ).encode()
    with translation.override(language):
        qlist = list_import(kind=Kind.EMPLOYEE_PENSION_LOSS, filename="r.csv", data=data, by=clerk)
    return {row.line_no: row for row in qlist.rows.all()}


@pytest.mark.parametrize("imported_in", ["en", "ja"])
def test_a_rows_reason_reads_in_the_readers_language_whoever_imported_the_list(clerk, imported_in):
    rows = _imported_in(imported_in, clerk)
    with translation.override("ja"):
        assert rows[2].reason_shown == NOBODY_JA
        assert rows[3].reason_shown == "住民記録から消除されています (転出)"
        assert "歳のため第1号被保険者になりません (法7条1項1号)" in rows[4].reason_shown
    with translation.override("en"):
        assert rows[2].reason_shown == NOBODY_EN
        assert rows[3].reason_shown == "Removed from the resident register (Moved out)"
        assert not any("\u3040" <= ch <= "\u30ff" for ch in rows[3].reason_shown + rows[4].reason_shown)


def test_the_list_screen_shows_an_english_import_in_japanese(client, clerk):
    rows = _imported_in("en", clerk)
    client.force_login(clerk)
    page = client.get(f"/qualification/lists/{rows[2].qualification_list_id}/").content.decode()
    assert NOBODY_JA in page and NOBODY_EN not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/qualification/lists/{rows[2].qualification_list_id}/").content.decode()
    assert NOBODY_EN in page and NOBODY_JA not in page


def test_the_migration_turns_sentences_on_file_back_into_codes(clerk):
    rows = _imported_in("ja", clerk)
    said = {
        2: NOBODY_JA,
        3: "Removed from the resident register (Moved out)",
        4: "厚生年金の資格喪失日に66歳のため第1号被保険者になりません (法7条1項1号)",
    }
    for line_no, sentence in said.items():
        QualificationListRow.objects.filter(pk=rows[line_no].pk).update(reason=sentence, reason_text={})
    odd = "市独自の理由"
    QualificationListRow.objects.filter(pk=rows[2].pk).update(status="unmatched")
    extra = QualificationListRow.objects.get(pk=rows[2].pk)
    extra.pk, extra.line_no, extra.reason = None, 99, odd
    extra.save()

    migration = importlib.import_module("cases.migrations.0041_qualification_row_reason_text")
    migration.reasons_neutral(apps, None)

    with translation.override("en"):
        shown = {
            row.line_no: row.reason_shown
            for row in QualificationListRow.objects.filter(line_no__in=[2, 3, 4, 99])
        }
    assert shown[2] == NOBODY_EN
    with translation.override("ja"):
        assert (
            QualificationListRow.objects.get(pk=rows[3].pk).reason_shown
            == "住民記録から消除されています (転出)"
        )
    assert shown[3] == "Removed from the resident register (Moved out)"
    assert "66" in shown[4] and not any("\u3040" <= ch <= "\u30ff" for ch in shown[4])
    assert shown[99] == odd  # a sentence matching none is shown as stored
    converted = QualificationListRow.objects.get(pk=rows[2].pk)
    assert converted.reason == "" and converted.reason_text["code"]
