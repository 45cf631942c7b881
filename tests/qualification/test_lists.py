"""Bulk starts from 機構's lists: the preview says for every line who it is and why not; a bad file is
refused whole with every bad line named; the same list again, or the start again, starts nothing twice."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.common.codes import ChangeReason, InsuredKind
from cases.kernel.models import Case, CaseType, Stage
from cases.qualification.lists import list_import, list_start
from cases.qualification.models import QualificationList, QualificationListRow
from cases.registry.imports.errors import ImportRejected
from tests.qualification.helpers import person
from workflows.start import case_start

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)
Kind, Status = QualificationList.Kind, QualificationListRow.Status
HEADER = "基礎年金番号,カナ氏名,生年月日,事由発生日\n"


def start(intake):
    return case_start(case_type=CaseType.QUALIFICATION, intake=intake, receipt=False)


def loss_list(*people, lost_on=None) -> bytes:
    lost_on = lost_on or TODAY - 5 * DAY
    lines = [f"{p.pension.basic_pension_no},{p.kana_name},{p.birth_date},{lost_on}" for p in people]
    return (HEADER + "\n".join(lines) + "\n").encode()


def test_importing_the_same_list_again_changes_nothing_and_starting_again_starts_nothing_twice(clerk):
    one, two = person(kana_name="イチ タロウ"), person(kana_name="ニ ハナコ")
    data = loss_list(one, two)
    qlist = list_import(kind=Kind.EMPLOYEE_PENSION_LOSS, filename="a.csv", data=data, by=clerk)
    assert qlist.already_imported is False and qlist.rows.filter(status=Status.MATCHED).count() == 2
    again = list_import(kind=Kind.EMPLOYEE_PENSION_LOSS, filename="renamed.csv", data=data, by=clerk)
    assert again.pk == qlist.pk and again.already_imported and QualificationList.objects.count() == 1

    assert list_start(qlist=qlist, by=clerk, start=start) == 2
    assert list_start(qlist=qlist, by=clerk, start=start) == 0
    cases = Case.objects.filter(case_type=CaseType.QUALIFICATION)
    assert cases.count() == 2 and set(cases.values_list("stage", flat=True)) == {Stage.INTAKE}
    # No 受付票 for a 勧奨: nobody came to the counter yet.
    assert not cases.filter(documents__kind="receipt").exists()

    # Next month's list names one of them again: the open 勧奨 is found, nothing new is started.
    later = list_import(
        kind=Kind.EMPLOYEE_PENSION_LOSS,
        filename="b.csv",
        data=loss_list(one, lost_on=TODAY - 4 * DAY),
        by=clerk,
    )
    row = later.rows.get()
    assert row.status == Status.ALREADY and "勧奨中" in row.reason_shown
    assert list_start(qlist=later, by=clerk, start=start) == 0 and cases.count() == 2


def test_the_preview_gives_every_unmatched_line_its_reason(clerk):
    moved = person(kana_name="サッタ ヒト", removed_on=TODAY - 3 * DAY, change_reason=ChangeReason.MOVE_OUT)
    old = person(kana_name="トシ ヨリ", birth=dt.date(1960, 1, 1))
    already_first = person(kana_name="イチ ゴウ", kind=InsuredKind.FIRST, since=TODAY - 5 * DAY)
    # One digit off 「サッタ」's number, and never one of the file's others (their numbers are
    # consecutive): a fixed last digit equalled the original when the factory's sequence ended in it.
    number = moved.pension.basic_pension_no
    near_miss = number[:-1] + str((int(number[-1]) + 5) % 10)
    data = (
        HEADER
        + f"{moved.pension.basic_pension_no},サッタ ヒト,{moved.birth_date},{TODAY - 5 * DAY}\n"
        + f"{old.pension.basic_pension_no},トシ ヨリ,1960-01-01,{TODAY - 5 * DAY}\n"
        + f"{already_first.pension.basic_pension_no},イチ ゴウ,{already_first.birth_date},{TODAY - 5 * DAY}\n"
        + "9999999999,ナイ ヒト,1990-01-01,2026-01-01\n"
        + f"{near_miss},サッタ ヒト,1999-09-09,{TODAY - 5 * DAY}\n"
    ).encode()
    qlist = list_import(kind=Kind.EMPLOYEE_PENSION_LOSS, filename="c.csv", data=data, by=clerk)
    reasons = {row.line_no: (row.status, row.reason_shown) for row in qlist.rows.all()}
    assert reasons[2][0] == Status.UNMATCHED and "消除" in reasons[2][1]
    assert reasons[3][0] == Status.UNMATCHED and "法7条1項1号" in reasons[3][1]
    assert reasons[4][0] == Status.ALREADY and "第1号" in reasons[4][1]
    assert reasons[5] == (Status.UNMATCHED, "基礎年金番号 9999999999 の住民がいません")
    assert reasons[6][0] == Status.UNMATCHED
    assert list_start(qlist=qlist, by=clerk, start=start) == 0


def test_a_20th_birthday_list_matches_by_name_and_birth_date_and_starts_an_acquisition(clerk):
    born = TODAY.replace(year=TODAY.year - 20) - 10 * DAY
    unenrolled = person(kana_name="ハタチ ナル", birth=born, kind=None)
    data = f"カナ氏名,生年月日\nハタチ ナル,{born}\n".encode()
    qlist = list_import(kind=Kind.AGE20_UNENROLLED, filename="20.csv", data=data, by=clerk)
    row = qlist.rows.get()
    assert (row.status, row.resident_id) == (Status.MATCHED, unenrolled.pk)
    assert list_start(qlist=qlist, by=clerk, start=start) == 1
    filing = Case.objects.get(resident=unenrolled).qualification
    assert (filing.kind, filing.event, filing.event_date) == (
        "acquisition",
        "age20",
        born.replace(year=born.year + 20) - DAY,
    )


def test_a_bad_list_is_refused_whole_with_every_bad_line_named(clerk):
    data = (
        HEADER
        + "12345,アサヒ タロウ,1990-01-01,2026-01-01\n"
        + "1234567890,ASAHI,1990-13-01,\n"
        + "1234567890,アサヒ ジロウ,1990-01-01,2099-01-01\n"
    ).encode()
    with pytest.raises(ImportRejected) as refused:
        list_import(kind=Kind.EMPLOYEE_PENSION_LOSS, filename="bad.csv", data=data, by=clerk)
    said = [str(error) for error in refused.value.errors]
    assert any(s.startswith("2行目 基礎年金番号") for s in said)
    assert any(s.startswith("3行目 カナ氏名") for s in said) and any(
        s.startswith("3行目 生年月日") for s in said
    )
    assert any(s.startswith("3行目 事由発生日") for s in said) and any(
        s.startswith("4行目 事由発生日") for s in said
    )
    assert not QualificationList.objects.exists()


def test_only_the_counter_may_import_or_start(supervisor, clerk):
    with pytest.raises(PermissionDenied):
        list_import(
            kind=Kind.EMPLOYEE_PENSION_LOSS, filename="a.csv", data=loss_list(person()), by=supervisor
        )
    qlist = list_import(kind=Kind.EMPLOYEE_PENSION_LOSS, filename="a.csv", data=loss_list(person()), by=clerk)
    with pytest.raises(PermissionDenied):
        list_start(qlist=qlist, by=supervisor, start=start)


def test_the_documented_example_is_a_valid_list():
    import re
    from pathlib import Path

    from cases.qualification.list_file import list_read

    doc = (Path(__file__).resolve().parents[2] / "docs" / "formats" / "qualification_list.md").read_text(
        "utf-8"
    )
    first, second = re.findall(r"```csv\n(.*?)```", doc, re.S)
    assert [line.kana_name for line in list_read(first.encode(), event_required=True)] == [
        "キタノ ハルカ",
        "ミナミ アキラ",
        "ダレモ イナイ",
    ]
    assert len(list_read(second.encode(), event_required=False)) == 1


@pytest.mark.parametrize(
    ("started", "reply_by"),
    [
        (dt.date(2026, 12, 7), dt.date(2026, 12, 21)),  # a Monday: 14 days on is a Monday, kept
        (dt.date(2026, 12, 6), dt.date(2026, 12, 21)),  # a Sunday start: not Sunday 12/20 but Monday
        (dt.date(2026, 12, 15), dt.date(2027, 1, 4)),  # 12/29 falls in 年末年始: the first day open after
        (dt.date(2027, 4, 15), dt.date(2027, 4, 30)),  # Thursday 4/29 is 昭和の日: Friday 4/30
    ],
)
def test_the_letters_date_to_file_by_is_a_day_the_office_is_open(started, reply_by):
    """Exploratory test 2026-12-06: the 勧奨状 asked people to come by 令和8年12月20日, a Sunday (the 勧奨
    started on a Sunday; a start on 12/15 would have asked for 12/29, in 年末年始). The city's 14 days
    (reference data) end on the first day the office is open."""
    from cases.qualification.lists import reply_by_for

    assert reply_by_for(started, days=14) == reply_by
