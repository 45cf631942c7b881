"""The months the clerk copies from 社会保険オンラインシステム for the 保険料納付要件 (法30条1項ただし書, 昭60法附則20条1項)
held against the city's own 資格情報 and 免除情報, over the test's window only. Before, only the status on the 初診日
was (test_status_against_records.py): months entered as 未納 that the records show as 第2号 membership — 保険料納付済期間
by 法5条1項 — changed the outcome with no word. The entry stays as entered (the records can be behind; 機構 decides):
each mismatch is a 「要確認」 naming the months as 和暦 ranges and what the records say."""

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cases.common.codes import Decision, ExemptionKind, ExemptionReason, InsuredKind
from cases.disability.contribution import Period
from cases.disability.present import claim_display
from cases.registry.models.pension import Exemption
from cases.registry.mynumber import mynumber_register
from documents.services import document_request
from tests.disability import helpers as d
from tests.disability.test_documents import rendered_text
from tests.documents.conftest import valid_mynumber

pytestmark = pytest.mark.django_db

BORN = dt.date(1985, 5, 20)  # 20歳到達日 2005-05-19 (年齢計算ニ関スル法律): 被保険者 from May 2005 (法8条1号)
_numbers = itertools.count(1)


def _month(year, month):
    return dt.date(year, month, 1)


def _last_month(case):
    """初診日の属する月の前々月 (法30条1項ただし書): the test's last month."""
    return d.add_months(d.month_start(case.disability.first_visit_on), -2)


def _resident(*rows):
    """A resident born on BORN whose 資格情報 are `rows`: (kind, acquired_on, lost_on)."""
    return d.resident_with_qualifications(*rows, born=BORN)


def _exemption(resident, *, kind=ExemptionKind.FULL, start, end, received_on, decision=Decision.APPROVED):
    return Exemption.objects.create(
        pension=resident.pension,
        received_on=received_on,
        kind=kind,
        start_on=start,
        end_on=end,
        reason=ExemptionReason.INCOME,
        decision=decision,
        reference_no=f"R{next(_numbers):09d}",
    )


def _first1_second_first1():
    """第1号 from the 20歳到達日, 第2号 from 平成27年4月1日 to 平成29年3月31日 (喪失日 4月1日), 第1号 again."""
    return _resident(
        (InsuredKind.FIRST, dt.date(2005, 5, 19), dt.date(2015, 4, 1)),
        (InsuredKind.SECOND, dt.date(2015, 4, 1), dt.date(2017, 4, 1)),
        (InsuredKind.FIRST, dt.date(2017, 4, 1), None),
    )


def _claim_entered(resident, clerk, periods):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.verify(case, clerk)
    d.enter(case, clerk, periods=periods(case) if callable(periods) else periods)
    return case


def _doubts(case) -> str:
    return "\n".join(str(text) for text in claim_display(case.disability)["doubts"])


def second_entered_unpaid(case) -> list[Period]:
    """The months of _first1_second_first1 entered with its 第2号 years (平成27年4月〜平成29年3月) as 未納."""
    return [
        Period(_month(2005, 5), _month(2015, 3), "paid"),
        Period(_month(2015, 4), _month(2017, 3), "unpaid"),
        Period(_month(2017, 4), _last_month(case), "paid"),
    ]


def test_ho5_1_category2_months_entered_as_unpaid_are_flagged_and_kept_as_entered(clerk):
    """法5条1項: 第2号被保険者としての被保険者期間 is 保険料納付済期間. Entered as 未納, they lower the count; the
    records say 第2号, so the claim says so (and the months stay 未納 as entered)."""
    case = _claim_entered(_first1_second_first1(), clerk, second_entered_unpaid)
    text = _doubts(case)
    assert "平成27年4月〜平成29年3月" in text
    assert "第2号被保険者" in text.split("平成27年4月〜平成29年3月", 1)[1][:80]
    assert "国民年金法5条1項" in text
    result = case.disability.contribution["result"]
    assert result["insured_months"] - result["counted_months"] == 24  # the entry is kept: 24 months unpaid
    with translation.override("en"):
        english = _doubts(case)
    assert "The city's records show 2015-04 (H27) – 2017-03 (H29) as Category 2" in english
    assert "市の" not in english


def test_ho30_1_no_doubt_where_the_entry_agrees_with_the_records(clerk):
    """The 第2号 months entered as 納付済 (法5条1項), the 第1号 months as paid: nothing to say."""
    case = _claim_entered(
        _first1_second_first1(), clerk, lambda case: [Period(_month(2005, 5), _last_month(case), "paid")]
    )
    assert case.disability.contribution["record_doubts"] == []
    assert "市の資格記録では" not in _doubts(case)
    assert "市の免除情報では" not in _doubts(case)


def test_ho90_1_granted_exemption_entered_as_unpaid_is_flagged(clerk):
    """法5条3項・90条1項: a 全額免除 applied for before the 初診日 is 保険料全額免除期間 (counted, 法30条1項ただし書); a
    rejected one and one applied for on or after the 初診日 (法90条1項 「申請のあつた日以後」) are not: 未納 is right."""
    resident = _resident((InsuredKind.FIRST, dt.date(2005, 5, 19), None))
    _exemption(
        resident, start=dt.date(2019, 7, 1), end=dt.date(2020, 6, 30), received_on=dt.date(2019, 7, 10)
    )
    _exemption(
        resident,
        start=dt.date(2012, 7, 1),
        end=dt.date(2013, 6, 30),
        received_on=dt.date(2012, 7, 10),
        decision=Decision.REJECTED,
    )
    # applied for after the 初診日 (two years ago), back-dated (法90条1項: counted from the application only)
    _exemption(resident, start=dt.date(2022, 7, 1), end=dt.date(2023, 6, 30), received_on=d.years_ago(1))
    case = _claim_entered(
        resident,
        clerk,
        lambda case: [
            Period(_month(2005, 5), _month(2012, 6), "paid"),
            Period(_month(2012, 7), _month(2013, 6), "unpaid"),
            Period(_month(2013, 7), _month(2019, 6), "paid"),
            Period(_month(2019, 7), _month(2020, 6), "unpaid"),
            Period(_month(2020, 7), _month(2022, 6), "paid"),
            Period(_month(2022, 7), _month(2023, 6), "unpaid"),
            Period(_month(2023, 7), _last_month(case), "paid"),
        ],
    )
    text = _doubts(case)
    assert "令和元年7月〜令和2年6月" in text
    assert "全額免除" in text.split("令和元年7月〜令和2年6月", 1)[1][:80]
    assert "平成24年7月" not in text and "令和4年7月" not in text
    [doubt] = case.disability.contribution["record_doubts"]
    assert doubt["months"] == [["2019-07", "2020-06"]]


def test_ho_fusoku7no3_category3_entered_where_the_records_show_category1_is_flagged(clerk):
    """法附則7条の3第1項 reads only 第3号被保険者期間: months the clerk marks 第3号 that the records show as 第1号
    (whose premium the person owes, 法88条) are flagged with the records' kind."""
    resident = _resident(
        (InsuredKind.FIRST, dt.date(2005, 5, 19), dt.date(2012, 4, 1)),
        (InsuredKind.THIRD, dt.date(2012, 4, 1), dt.date(2014, 4, 1)),
        (InsuredKind.FIRST, dt.date(2014, 4, 1), None),
    )
    case = _claim_entered(
        resident,
        clerk,
        lambda case: [
            Period(_month(2005, 5), _month(2010, 3), "paid"),
            Period(_month(2010, 4), _month(2014, 3), "paid", category3=True),
            Period(_month(2014, 4), _last_month(case), "paid"),
        ],
    )
    text = _doubts(case)
    assert "平成22年4月〜平成24年3月" in text
    assert "第1号被保険者" in text.split("平成22年4月〜平成24年3月", 1)[1][:80]
    assert "平成24年4月" not in text  # the 第3号 months agree


def test_ho7_months_entered_where_the_records_show_no_membership_are_flagged(clerk):
    """法7条1項, 法30条1項ただし書: only 被保険者期間 are in the test. Months entered before the records' first
    membership (被保険者 from 平成19年4月) are named; the person has 資格情報, so their silence says something."""
    resident = _resident((InsuredKind.FIRST, dt.date(2007, 4, 1), None))
    case = _claim_entered(resident, clerk, lambda case: [Period(_month(2005, 5), _last_month(case), "paid")])
    assert "平成17年5月〜平成19年3月" in _doubts(case)


def test_the_case_page_and_the_transmittal_slip_carry_it(
    client, clerk, clerk2, supervisor, settings, tmp_path
):
    """Where the 初診日's `records_*` doubts show: the claim's panel (入力・照合・決裁 and the case page) and the
    送付票."""
    settings.MEDIA_ROOT = tmp_path / "media"
    resident = _first1_second_first1()
    mynumber_register(resident=resident, number=valid_mynumber())
    case = _claim_entered(resident, clerk, second_entered_unpaid)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "平成27年4月〜平成29年3月" in page
    d.cross_check(case, clerk2)
    d.approve(case, supervisor)
    text = rendered_text(document_request(kind="filing", case=case, requested_by=supervisor))
    assert "平成27年4月〜平成29年3月" in text.replace("\n", "")


def test_the_records_are_read_in_a_constant_number_of_queries(params):
    """One read for the whole window, not one per month: a year and twenty years of months and rows cost the same."""
    from cases.disability.period_records import records_doubts

    def queries(years):
        rows = [
            (
                InsuredKind.FIRST if year % 2 else InsuredKind.SECOND,
                dt.date(2004 + year, 4, 1),
                dt.date(2005 + year, 4, 1),
            )
            for year in range(years)
        ]
        resident = _resident(*rows)
        for year in range(years):
            _exemption(
                resident,
                start=dt.date(2004 + year, 7, 1),
                end=dt.date(2004 + year, 9, 30),
                received_on=dt.date(2004 + year, 7, 5),
            )
        periods = [Period(_month(2004, 4), _month(2004 + years, 3), "unpaid")]
        resident.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            found = records_doubts(
                resident=resident, first_visit=dt.date(2004 + years, 6, 10), periods=periods, params=params
            )
        assert found  # the 第2号 and 免除 months differ from 未納
        return len(captured)

    assert queries(1) == queries(20) <= 4


def _against(entered, kinds, exemptions=(), *, held=True, first_visit=dt.date(2024, 12, 7)):
    """The pure check over a window ending 令和6年10月 (the 前々月 of a 初診日 in December 2024)."""
    from cases.disability.contribution import months_of
    from cases.disability.period_records import periods_against
    from cases.registry.selectors.pension_periods import MonthRecords

    records = MonthRecords(kinds, tuple(exemptions), held=held)
    found = periods_against(months_of(entered), records, first_visit=first_visit, last_month=_month(2024, 10))
    return [(item["code"], item["detail"], item["months"]) for item in found]


def _kinds(first, last, kind):
    found, month = {}, first
    while month <= last:
        found[month] = kind
        month = d.add_months(month, 1)
    return found


def test_ho88no2_ho89_exemptions_by_law_count_whenever_notified_and_partial_ones_are_left_out():
    """法89条 (法定免除) and 法88条の2 (産前産後) apply by law, so a notification after the 初診日 still counts; a
    半額免除 (法90条の2第2項) counts only with the other half paid (法5条5項), which the 免除情報 do not say."""
    from cases.registry.selectors.pension_periods import ExemptionSpan

    late = dt.date(2025, 3, 1)
    found = _against(
        [Period(_month(2024, 1), _month(2024, 6), "unpaid")],
        _kinds(_month(2024, 1), _month(2024, 6), InsuredKind.FIRST),
        [
            ExemptionSpan(ExemptionKind.STATUTORY, _month(2024, 1), _month(2024, 2), late),
            ExemptionSpan(ExemptionKind.MATERNITY, _month(2024, 3), _month(2024, 4), late),
            ExemptionSpan(ExemptionKind.HALF, _month(2024, 5), _month(2024, 6), dt.date(2024, 5, 1)),
        ],
    )
    assert found == [
        ("periods_exemption_by_law", "statutory", [["2024-01", "2024-02"]]),
        ("periods_exemption_by_law", "maternity", [["2024-03", "2024-04"]]),
    ]


def test_ho30_1_tadashigaki_recorded_months_not_entered_and_unmarked_category3_months_are_named():
    """Months not entered are no 被保険者期間 in the test (法30条1項ただし書): the records' 第1号 months left out are
    named; 第3号 months counted as paid but not marked 第3号 miss the 法附則7条の3第1項 「要確認」. Months after the
    前々月 are outside the window and never named."""
    kinds = {
        **_kinds(_month(2023, 1), _month(2023, 12), InsuredKind.THIRD),
        **_kinds(_month(2024, 1), _month(2024, 12), InsuredKind.FIRST),
    }
    found = _against(
        [Period(_month(2023, 1), _month(2024, 3), "paid"), Period(_month(2024, 8), _month(2024, 10), "paid")],
        kinds,
    )
    assert found == [
        ("periods_category3_unmarked", "3", [["2023-01", "2023-12"]]),
        ("periods_not_entered", "1", [["2024-04", "2024-07"]]),
    ]


def test_ho7_1_records_silent_on_the_person_say_nothing_of_membership():
    """No 資格情報 at all: nothing to hold the months against (as records.py on the 初診日)."""
    entered = [Period(_month(2020, 1), _month(2024, 10), "paid")]
    assert _against(entered, {}, held=False) == []
    assert _against(entered, {}, held=True) == [("periods_not_insured", "", [["2020-01", "2024-10"]])]


def test_ho11_months_of_membership_from_the_records():
    """法11条1項 (from the 取得日's month to the month before the 喪失日's), 11条2項 (lost in the month acquired: that
    month once) and 11条の2 (a month the 種別 changed is the later 種別's)."""
    from cases.registry.selectors.pension_periods import pension_months

    resident = _resident(
        (InsuredKind.FIRST, dt.date(2020, 4, 10), dt.date(2020, 4, 25)),  # one month (11条2項)
        (InsuredKind.FIRST, dt.date(2021, 1, 1), dt.date(2021, 3, 15)),  # 1月・2月; March is the 第2号's
        (InsuredKind.SECOND, dt.date(2021, 3, 15), dt.date(2021, 6, 1)),  # 3月〜5月
    )
    kinds = pension_months(resident=resident, first=_month(2020, 1), last=_month(2021, 12)).kinds
    assert kinds == {
        _month(2020, 4): "1",
        _month(2021, 1): "1",
        _month(2021, 2): "1",
        _month(2021, 3): "2",
        _month(2021, 4): "2",
        _month(2021, 5): "2",
    }
