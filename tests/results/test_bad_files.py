"""A bad 処理結果一覧表 changes nothing and every bad line is reported, with line, column and reason."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.registry.imports.errors import ImportRejected
from cases.submission.results import results_import
from tests.results.conftest import HEADER, csv_bytes, line
from tests.results.test_results_import import snapshot

pytestmark = pytest.mark.django_db


def rejected(data: bytes, user) -> list[tuple[int, str, str]]:
    with pytest.raises(ImportRejected) as caught:
        results_import(filename="bad.csv", data=data, by=user)
    return [(error.line, error.column, error.message) for error in caught.value.errors]


def test_every_kind_of_bad_value_is_reported_and_nothing_is_imported(send, clerk):
    case = send()
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    lines = [
        line(case),  # 2: good, and must not be applied either
        line(number="", pension_no="", start="2025-07", end="2026-06"),  # 3: neither number
        line(case, number="2026-000999", decision="保留"),  # 4: unknown decision
        line(case, number="2026-000998", decided_on="2026/13/45"),  # 5: not a date
        line(case, number="2026-000997", decided_on="9-991301"),  # 6: era code for no real day
        line(case, number="2026-000996", decided_on=tomorrow),  # 7: future
        line(case, number="2026-000995", kind="全部免除"),  # 8: unknown kind
        line(case, number="2026-000994", kind=""),  # 9: 承認 without kind
        line(number="2026-000993", decision="却下", kind="半額免除"),  # 10: kind on a 却下
        line(number="2026-000992", decision="返戻"),  # 11: 返戻 without reason
        line(case, number="2026-000991", start="2025-13"),  # 12: bad month
        line(case, number="2026-000990", start="2026-06", end="2025-07"),  # 13: end before start
        line(case, number="2026-000989", pension_no="12345"),  # 14: bad 基礎年金番号
        line(case),  # 15: the same 整理番号 as line 2
        "2026-000988,,承認",  # 16: too few columns
        line(case, number="2026-000987", reason="長" * 201),  # 17: reason too long
    ]
    before = snapshot()
    errors = rejected(csv_bytes(*lines), clerk)
    assert snapshot() == before
    by_line = {}
    for number, column, message in errors:
        by_line.setdefault(number, []).append((column, message))
    assert sorted(by_line) == list(range(3, 18))
    assert by_line[3] == [("整理番号", "整理番号か基礎年金番号のどちらかを入力してください")]
    assert by_line[4][0][0] == "判定結果" and "保留" in by_line[4][0][1]
    assert by_line[5][0][0] == "判定日" and by_line[6][0][0] == "判定日"
    assert "未来" in by_line[7][0][1]
    assert (
        by_line[8][0][0] == "免除種類" and by_line[9][0][0] == "免除種類" and by_line[10][0][0] == "免除種類"
    )
    assert by_line[11] == [("理由", "返戻の行には理由が必要です")]
    assert by_line[12][0][0] == "期間開始" and by_line[13][0][0] == "期間終了"
    assert by_line[14][0][0] == "基礎年金番号"
    assert by_line[15][0][0] == "整理番号" and "2行目" in by_line[15][0][1]
    assert "列の数" in by_line[16][0][1]
    assert by_line[17][0][0] == "理由"


def test_a_missing_column_and_an_unknown_one_are_reported_from_the_header(clerk):
    data = (HEADER.replace(",理由", ",備考") + "\n2026-000001,,却下,2025-01-01,,,,\n").encode()
    errors = rejected(data, clerk)
    assert ("1", "備考") in {(str(e[0]), e[1]) for e in errors}
    assert any(column == "理由" and "必須の列" in message for _line, column, message in errors)


def test_an_empty_file_and_an_undecodable_one_are_refused(clerk):
    assert rejected(b"", clerk)[0][0] == 1
    assert "文字コード" in rejected(HEADER.encode() + b"\n\x82\xff\xfe\n", clerk)[0][2]
