"""The note beside an outlook that 資格情報 cannot bear out (screening_outlook, no kind named best, a kind
passing on income with no 第1号 month to cover). 法7条1項1号, 法90条〜90条の3, 平成16年法律第104号附則19条2項 and
平成26年法律第64号附則14条1項 exempt 第1号 months only (of 納付猶予's two provisions the note cites the one of the
months it names: 平成16年法附則19条2項 before the 30歳 month; both without a birth date); 附則14条1項 ends 納付猶予
with the month before the 50歳 month. Two cases, each worded so that it is true:

- no 第1号 month anywhere in the period applied for: 「申請期間 (…) に第1号被保険者の月がありません」;
- 第1号 months in the period, none of them within the months the passing kinds can cover (納付猶予 cut at the
  50歳 month before the 第1号 months begin): 「納付猶予の対象となる月 (…) に…」, those months named, not the
  period applied for (walk finding of 2026-12-07)."""

import datetime as dt

from django.utils import translation

from cases.exemption.screening.outlook import screening_outlook
from cases.exemption.screening.rules import KINDS, KindResult, ScreeningResult
from cases.exemption.warnings import CaseMembership

JULY = dt.date(2026, 7, 1)
MONTHS = [dt.date(2026 + (6 + i) // 12, (6 + i) % 12 + 1, 1) for i in range(12)]  # 2026-07 … 2027-06
OCTOBER = dt.date(2026, 10, 1)
NO_CATEGORY1 = "に第1号被保険者の月がありません"
CITED = "(国民年金法7条1項1号・90条〜90条の3、平成16年法律第104号附則19条2項・平成26年法律第64号附則14条1項)"


def _result(*, passing: set[str], deferral_last: dt.date | None = None) -> ScreeningResult:
    results = tuple(
        KindResult(
            kind=kind,
            eligible=kind in passing,
            blocked=None,
            failed=() if kind in passing else ("applicant",),
            last_month=deferral_last if kind == "deferral" else None,
        )
        for kind in KINDS
        if kind != "student"
    )
    return ScreeningResult(results=results, best=None, valid_from_year=2026)


def _membership(first_category1: dt.date | None) -> CaseMembership:
    """第2号 up to `first_category1`, 第1号 from it (None: 第2号 all the period)."""
    return CaseMembership(
        by_month={m: "1" if first_category1 and m >= first_category1 else "2" for m in MONTHS}
    )


def _note(result, membership, undetermined=frozenset()) -> str:
    with translation.override("ja"):
        outlook = screening_outlook(result, (), membership, frozenset(undetermined))
    assert outlook.best is None and outlook.unconfirmed
    return outlook.note


def test_法7条1項1号_no_category1_month_in_the_period_names_the_period_applied_for():
    note = _note(_result(passing=set(KINDS)), _membership(None))
    assert note.startswith("資格情報では申請期間 (令和8年7月〜令和9年6月) " + NO_CATEGORY1) and CITED in note


def test_附則14条1項_no_category1_month_at_all_is_still_the_period_when_only_納付猶予_passes():
    """Every month lies outside: the period applied for has none, which is true whatever 納付猶予 reaches."""
    note = _note(_result(passing={"deferral"}, deferral_last=OCTOBER), _membership(None))
    assert note.startswith("資格情報では申請期間 (令和8年7月〜令和9年6月) " + NO_CATEGORY1)


def test_附則14条1項_category1_months_past_the_50歳_cut_name_the_months_納付猶予_covers():
    """第1号 from January; 納付猶予 (the only kind passing) ends with October: its months, July to October,
    have no 第1号 month; the period applied for does (January to June), and November・December are not
    納付猶予 months, so neither 「申請期間」 nor the six non-第1号 months may be named."""
    note = _note(_result(passing={"deferral"}, deferral_last=OCTOBER), _membership(dt.date(2027, 1, 1)))
    assert "申請期間" not in note and "令和8年12月" not in note
    assert note.startswith("資格情報では納付猶予の対象となる月 (令和8年7月〜令和8年10月) " + NO_CATEGORY1)
    assert CITED in note


def test_附則14条1項_the_same_when_another_kind_is_undetermined():
    """全額免除 未申告 (判定不能, not named best): 納付猶予 is the kind without a 第1号 month to cover."""
    result = _result(passing={"deferral"}, deferral_last=OCTOBER)
    note = _note(result, _membership(dt.date(2027, 1, 1)), undetermined={"full"})
    assert note.startswith("資格情報では納付猶予の対象となる月 (令和8年7月〜令和8年10月) " + NO_CATEGORY1)


def test_附則14条1項_the_english_note_names_the_months_payment_deferral_covers():
    with translation.override("en"):
        result = _result(passing={"deferral"}, deferral_last=OCTOBER)
        note = screening_outlook(result, (), _membership(dt.date(2027, 1, 1)), frozenset()).note
    assert "in the months payment deferral can cover (July 2026 – October 2026)" in note
    assert "period applied for" not in note


UNDER_30 = "平成16年法律第104号附則19条2項"
FROM_30 = "平成26年法律第64号附則14条1項"


def _note_for(birth: dt.date, membership: CaseMembership) -> str:
    with translation.override("ja"):
        result = _result(passing={"deferral"}, deferral_last=OCTOBER)
        return screening_outlook(result, (), membership, frozenset(), birth_date=birth).note


def test_平成16年法附則19条2項_the_note_of_a_25_year_old_cites_the_under_30_provision():
    """Born 2001-03-15: every month of 免除年度 2026 lies before the 30歳 month (March 2031)."""
    for membership in (_membership(None), _membership(dt.date(2027, 1, 1))):
        note = _note_for(dt.date(2001, 3, 15), membership)
        assert f"90条の3、{UNDER_30})" in note and FROM_30 not in note


def test_平成26年法附則14条1項_the_note_of_a_45_year_old_cites_附則14条1項():
    for membership in (_membership(None), _membership(dt.date(2027, 1, 1))):
        note = _note_for(dt.date(1981, 5, 15), membership)
        assert f"90条の3、{FROM_30})" in note and UNDER_30 not in note


def test_平成16年法附則19条2項_平成26年法附則14条1項_the_note_cites_the_months_it_names():
    """Born 1996-09-15: the 30歳 month is September 2026. The period (July 2026 – June 2027) crosses it; the months
    納付猶予 covers in the second case (July – October) cross it too; both provisions are cited."""
    assert CITED in _note_for(dt.date(1996, 9, 15), _membership(None))
    assert CITED in _note_for(dt.date(1996, 9, 15), _membership(dt.date(2027, 1, 1)))
    # Born 1996-11-15 (30歳 month November 2026): July – October lie before it.
    note = _note_for(dt.date(1996, 11, 15), _membership(dt.date(2027, 1, 1)))
    assert f"90条の3、{UNDER_30})" in note
