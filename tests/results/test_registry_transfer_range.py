"""住基への移転 holds only the PIA's declared range (II-5 移転 ⑤): people with a 住民登録 in the city who
are or were 第1号被保険者 (資格喪失者を含む). A demo file of 380 lines held 16 people never 第1号 and 2
already 消除 (転出)."""

import datetime as dt

import pytest

from cases.registry.models.pension import AdditionalPension, Qualification
from cases.submission import transfer as svc
from cases.submission.transfer_columns import CHOOSABLE
from tests.factories import PensionRecordFactory, ResidentFactory

pytestmark = pytest.mark.django_db
REQUEST_DOC = {
    "department": "市民課",
    "request_doc_no": "市民第12号",
    "request_doc_date": dt.date(2026, 11, 30),
    "columns": CHOOSABLE,
}


def person(*kinds, removed: bool = False, lost_first: bool = False, additional: bool = False):
    resident = ResidentFactory(
        removed_on=dt.date(2026, 10, 1) if removed else None, change_reason="04" if removed else ""
    )
    pension = PensionRecordFactory(resident=resident)
    start = dt.date(2009, 4, 1)
    for index, kind in enumerate(kinds):
        acquired = start.replace(year=start.year + 3 * index)
        last = index == len(kinds) - 1
        lost = None if last and not lost_first else acquired.replace(year=acquired.year + 3) - dt.timedelta(1)
        Qualification.objects.create(
            pension=pension,
            insured_kind=kind,
            acquired_on=acquired,
            acquired_reason="01",
            lost_on=lost,
            lost_reason="" if lost is None else "04",
        )
    if additional:
        AdditionalPension.objects.create(pension=pension, kind="1", joined_on=dt.date(2010, 1, 1))
    return resident.atena_no


def produced_lines(clerk, supervisor) -> list[str]:
    transfer = svc.transfer_request(by=clerk, reason="月次の反映", **REQUEST_DOC)
    transfer = svc.transfer_decide(transfer=transfer, by=supervisor, approve=True)
    transfer = svc.transfer_produce(transfer=transfer, by=clerk)
    lines = svc.transfer_download(transfer=transfer, by=clerk).decode().splitlines()[1:]
    assert transfer.record_count == len(lines)  # the record and the file agree
    return lines


def test_only_registered_people_who_are_or_were_first_kind_are_transferred(reference_data, clerk, supervisor):
    first_now = person("1", additional=True)
    first_then_second = person("1", "2")  # 資格喪失者 (as 第1号): in the range
    first_lost = person("1", lost_first=True)  # 第1号 lost, nothing since: in the range
    second_only = person("2")  # never 第1号 (e.g. 第2号 only since 2009)
    second_then_third = person("2", "3", additional=False)
    moved_out = person("1", removed=True, additional=True)  # 第1号, then 転出 (消除)
    lines = produced_lines(clerk, supervisor)
    atena = {line.split(",")[1] for line in lines}
    assert atena == {first_now, first_then_second, first_lost}
    assert not atena & {second_only, second_then_third, moved_out}
    # A person in the range goes with the whole of their 資格関係情報 (the 第2号 period that followed too).
    assert sum(line.split(",")[1] == first_then_second for line in lines) == 2
    assert sum(line.startswith("付加,") for line in lines) == 1


def test_nobody_in_the_range_makes_an_empty_file(reference_data, clerk, supervisor):
    person("2")
    person("1", removed=True)
    assert produced_lines(clerk, supervisor) == []
