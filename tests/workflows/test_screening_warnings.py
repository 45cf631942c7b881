"""The 入力, 照合 and 決裁 screens warn when no kind the applicant asked for passes the pre-screen (naming
the best kind that does and who fails by how many yen), when months lie outside a 第1号 period, and
show the months each requested kind can cover (issue 10, items 3, 4 and 6)."""

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from cases.common.date_display import fiscal_year_show, month_show
from cases.exemption.periods import fiscal_year_of
from cases.exemption.screening.case import case_screening
from cases.registry.models.pension import Qualification
from tests.factories import applicant_with_household, category1_since_2015, kind_changed_on
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

FAILS = "申請された種類はいずれも該当の見込みがありません"
NOT_CATEGORY1 = "は第1号被保険者の期間ではありません"


def tax_year() -> int:
    return fiscal_year_of(timezone.localdate(), student=False)


def page(client, case, node: str, user) -> str:
    task = h.open_task(case, node)
    client.force_login(user)
    if task.owner_id != user.pk:
        client.post(f"/desk/tasks/{task.pk}/claim/")
    response = client.get(f"/desk/tasks/{task.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def to_cross_check(case, clerk, spouse, capture):
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)


def test_none_of_the_applied_kinds_passes_is_warned_at_cross_check_and_approval(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household(income=0, spouse_income=700_000, tax_year=tax_year())
    # A 第1号 member: with no 第1号 month on record no kind is named (法7条1項1号; tests below).
    category1_since_2015(applicant.pension)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)

    cross = page(client, case, "cross_check", clerk2)
    assert FAILS in cross
    assert "全額免除: 配偶者: 基準額 670,000円 を 30,000円 超過" in cross
    assert "該当の見込みがあるのは 4分の3免除 です" in cross

    h.cross_check(case, clerk2)
    approval = page(client, case, "approve", supervisor)
    assert FAILS in approval and "4分の3免除" in approval


def test_no_warning_when_an_applied_kind_passes(client, clerk, clerk2, django_capture_on_commit_callbacks):
    applicant, spouse = applicant_with_household(income=0, spouse_income=700_000, tax_year=tax_year())
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full", "half"))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)
    cross = page(client, case, "cross_check", clerk2)
    assert FAILS not in cross


def test_months_outside_a_category1_period_are_warned_at_input_cross_check_and_approval(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """The issue's person, on record as 第2号 since 平成4年 (国民年金法11条, 89条〜90条の3)."""
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=tax_year())
    Qualification.objects.create(
        pension=applicant.pension, insured_kind="2", acquired_on=dt.date(1992, 4, 1), acquired_reason="99"
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    assert NOT_CATEGORY1 in page(client, case, "enter_data", clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    assert NOT_CATEGORY1 in page(client, case, "cross_check", clerk2)
    h.cross_check(case, clerk2)
    approval = page(client, case, "approve", supervisor)
    assert NOT_CATEGORY1 in approval and "第2号被保険者:" in approval
    assert "対象となる月なし" in approval


def category1_at_cross_check(client, clerk, clerk2, capture):
    """A 第1号 member all the period long (法7条1項1号), no income, 全額免除 applied for: the case and its 照合 page."""
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=tax_year())
    category1_since_2015(applicant.pension)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, capture)
    return case, page(client, case, "cross_check", clerk2)


def test_a_category1_member_gets_no_membership_warning(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    _case, cross = category1_at_cross_check(client, clerk, clerk2, django_capture_on_commit_callbacks)
    assert NOT_CATEGORY1 not in cross and FAILS not in cross


def test_the_deferral_months_stop_at_the_month_before_the_50歳_month(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """平成26年法律第64号附則14条1項: born on 1 January, the 50歳到達日 is 31 December."""
    year = tax_year()
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=year)
    applicant.birth_date = dt.date(year - 49, 1, 1)
    applicant.save(update_fields=["birth_date"])
    Qualification.objects.create(
        pension=applicant.pension,
        insured_kind="1",
        acquired_on=dt.date(year - 29, 12, 31),
        acquired_reason="01",
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("deferral",))
    h.verify(case, clerk)
    months = f"{month_show(dt.date(year, 7, 1))}〜{month_show(dt.date(year, 11, 1))}"  # 和暦 like every date
    input_page = page(client, case, "enter_data", clerk)
    assert months in input_page
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    cross = page(client, case, "cross_check", clerk2)
    assert months in cross and f"{month_show(dt.date(year, 11, 1))}分まで" in cross
    # The 賦課年度 and the rule set's first year in 和暦 too (they read 2026年度 beside 令和 months).
    assert f"{fiscal_year_show(year)} (賦課年度)" in cross and f"{year}年度" not in cross
    assert FAILS not in cross


def test_public_assistance_passes_without_an_income_test_and_is_recorded_as_reason_07(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """法90条1項2号, 則76条の2: 生活扶助以外の扶助 (免除該当理由 07)."""
    from cases.registry.models.pension import Exemption

    applicant, spouse = applicant_with_household(
        income=3_000_000, spouse_income=3_000_000, tax_year=tax_year()
    )
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse, special_ground="assistance")
    cross = page(client, case, "cross_check", clerk2)
    assert "生活扶助以外の扶助の受給により所得を問わず該当" in cross and FAILS not in cross
    h.cross_check(case, clerk2)
    h.approve(case, supervisor)
    assert Exemption.objects.get(case=case).reason == "07"


def test_an_attachment_from_before_the_new_items_still_screens(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """Snapshots keep their shape: one taken before 年少扶養親族数 existed reads it as 0."""
    applicant, spouse = applicant_with_household(income=0, spouse_income=700_000, tax_year=tax_year())
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)
    application = case.exemption
    for person in application.income_attachment["people"]:
        for key in ("dependants_under16", "dependants_aged16to18"):
            person["income"].pop(key)
    application.save(update_fields=["income_attachment"])
    cross = page(client, case, "cross_check", clerk2)
    assert "配偶者: 基準額 670,000円 を 30,000円 超過" in cross


# --- issue 14 (left item): no 第1号 month on record, no outlook -------------------------------------------
# 国民年金法90条1項・90条の2・90条の3 and 平成26年法律第64号附則14条1項 exempt 第1号被保険者 (法7条1項1号) only;
# 法94条の6: a 第2号 or 第3号 month carries no premium to exempt. The screens may not call a kind 該当見込み, nor
# name the most favourable one, for months 資格情報 does not show as 第1号 — 要確認 until it is confirmed.

LIKELY = 'badge ok">該当見込み'
TO_CHECK_BADGE = 'badge warn">要確認'
NO_CATEGORY1 = "第1号被保険者の月がありません"


def _category2_since_1992(applicant) -> None:
    Qualification.objects.create(
        pension=applicant.pension, insured_kind="2", acquired_on=dt.date(1992, 4, 1), acquired_reason="99"
    )


def _best(page_text: str) -> str:
    """The 「最も有利な見込み」 line as shown (its <p>, tags left in)."""
    for marker in ("最も有利な見込み:", "Most favourable outlook:"):
        if marker in page_text:
            start = page_text.index(marker)
            return page_text[start : page_text.index("</p>", start)]
    raise AssertionError("no most favourable outlook line")


def _no_category1_case(clerk, capture, *, kinds=("full",), spouse_income=0):
    applicant, spouse = applicant_with_household(income=0, spouse_income=spouse_income, tax_year=tax_year())
    _category2_since_1992(applicant)
    case = h.start_case(clerk=clerk, resident=applicant, kinds=kinds)
    to_cross_check(case, clerk, spouse, capture)
    return case


def test_no_category1_month_names_no_most_favourable_kind_at_cross_check_approval_and_case_page(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """法7条1項1号, 法90条1項・90条の2・90条の3, 平成26年法律第64号附則14条1項: only 第1号 months are exempted.
    Every income passes here (0円), yet no kind may read 該当見込み nor be named most favourable."""
    case = _no_category1_case(clerk, django_capture_on_commit_callbacks)
    start, end = h.current_period()
    months = f"{month_show(start)}〜{month_show(end)}"
    cross = page(client, case, "cross_check", clerk2)
    h.cross_check(case, clerk2)
    approval = page(client, case, "approve", supervisor)
    client.force_login(supervisor)
    panel = client.get(f"/cases/{case.pk}/").content.decode()
    for shown in (cross, approval, panel):
        assert NOT_CATEGORY1 in shown  # the red warning stays
        assert LIKELY not in shown and TO_CHECK_BADGE in shown
        best = _best(shown)
        assert "要確認" in best and NO_CATEGORY1 in best and months in best
        assert "全額免除" not in best and "4分の3免除" not in best


def test_no_category1_month_reads_to_check_in_english(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """The same in English (法7条1項1号, 法90条1項)."""
    case = _no_category1_case(clerk, django_capture_on_commit_callbacks)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    cross = page(client, case, "cross_check", clerk2)
    assert 'badge ok">Likely eligible' not in cross and 'badge warn">To check' in cross
    best = _best(cross)
    assert "To check" in best and "no Category 1 month" in best
    assert "Full exemption" not in best and "要確認" not in cross and NO_CATEGORY1 not in cross


def test_no_qualification_record_at_all_is_no_category1_month_either(
    clerk, django_capture_on_commit_callbacks
):
    """法11条: a month counts only from the 資格取得 on record; with no record nothing is a 第1号 month."""
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=tax_year())
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)
    screening = case_screening(case)
    assert screening.best_label is None
    assert screening.unconfirmed == {"full", "three_quarters", "half", "quarter", "deferral"}
    assert NO_CATEGORY1 in screening.outlook_note


def test_no_category1_month_and_the_applied_kind_failing_names_no_other_kind(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """The 「none of the applied kinds passes」 warning must not name a kind the record says cannot be exempted
    (法7条1項1号, 法90条の2): 4分の3免除 passes by income, but no month is a 第1号 month."""
    case = _no_category1_case(clerk, django_capture_on_commit_callbacks, spouse_income=700_000)
    cross = page(client, case, "cross_check", clerk2)
    assert FAILS in cross
    assert "該当の見込みがあるのは" not in cross and "該当の見込みがある種類はありません" not in cross
    assert "資格情報で第1号被保険者の月が確認できるまで" in cross


def test_some_category1_months_hold_the_outlook_for_those_months_only(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """法11条の2: from the month of the 種別変更 the month is a 第2号 month. The outlook holds for the 第1号 months
    on record (July to September); the best kind is named for them, the other months are 要確認."""
    start, end = h.current_period()
    applicant, spouse = applicant_with_household(income=0, spouse_income=0, tax_year=tax_year())
    changed = dt.date(start.year, 10, 1)
    kind_changed_on(applicant.pension, changed, before="1", after="2")
    case = h.start_case(clerk=clerk, resident=applicant, kinds=("full",))
    to_cross_check(case, clerk, spouse, django_capture_on_commit_callbacks)
    covered = f"{month_show(start)}〜{month_show(dt.date(start.year, 9, 1))}"
    outside = f"{month_show(changed)}〜{month_show(end)}"
    cross = page(client, case, "cross_check", clerk2)
    assert LIKELY in cross and TO_CHECK_BADGE not in cross
    best = _best(cross)
    assert "全額免除" in best and f"{covered}分" in best and outside in best and "要確認" in best
    screening = case_screening(case)
    assert screening.best_label == "全額免除" and not screening.unconfirmed
    lines = {line.kind: line for line in screening.lines}
    assert covered in lines["full"].months and covered in lines["half"].months


def test_a_category1_member_still_gets_the_most_favourable_kind(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """法7条1項1号: a 第1号 member all the period long; the outlook and the most favourable kind as before."""
    case, cross = category1_at_cross_check(client, clerk, clerk2, django_capture_on_commit_callbacks)
    assert LIKELY in cross and TO_CHECK_BADGE not in cross
    assert "<strong>全額免除</strong>" in _best(cross) and "要確認" not in _best(cross)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(f"/desk/tasks/{h.open_task(case, 'cross_check').pk}/").content.decode()
    assert 'badge ok">Likely eligible' in english and "<strong>Full exemption</strong>" in _best(english)
    assert case_screening(case).best_label == "全額免除"
