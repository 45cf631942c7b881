"""Which months an exemption covers (domain.md §1.3, §1.4, §1.6). Pure date arithmetic, no database."""

import datetime as dt

from django.core.exceptions import ValidationError

# A retroactive application reaches back at most 2 years and 1 month before the application month
# (since 平成26年4月).
RETROACTIVE_MONTHS = 25


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + (month.month - 1) + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> int:
    """Number of months from `first` to `last`, both included."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def fiscal_year_of(month: dt.date, *, student: bool) -> int:
    """免除年度 runs July–June; 学生年度 April–March. The year is the one it starts in."""
    first_month = 4 if student else 7
    return month.year if month.month >= first_month else month.year - 1


def fiscal_year_bounds(fiscal_year: int, *, student: bool) -> tuple[dt.date, dt.date]:
    first_month = 4 if student else 7
    start = dt.date(fiscal_year, first_month, 1)
    return start, add_months(start, 11)


def earliest_retroactive_month(applied_on: dt.date) -> dt.date:
    return add_months(month_start(applied_on), -RETROACTIVE_MONTHS)


def _ym(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def applied_period_validate(
    *, start: dt.date, end: dt.date, fiscal_year: int, student: bool, applied_on: dt.date
) -> None:
    """Raises ValidationError keyed by form field when the months cannot be applied for."""
    errors: dict[str, str] = {}
    first, last = fiscal_year_bounds(fiscal_year, student=student)
    earliest = earliest_retroactive_month(applied_on)
    label = "学生年度" if student else "免除年度"
    if start > end:
        errors["period_end"] = "対象期間の終了月は開始月以降にしてください。"
    if not first <= start <= last:
        errors["period_start"] = (
            f"開始月は{fiscal_year}{label} ({_ym(first)}〜{_ym(last)}) の範囲で指定してください。"
        )
    elif start < earliest:
        errors["period_start"] = (
            f"申請月の2年1か月前 ({_ym(earliest)}) より前の月は申請できません。"
            f"{_ym(start)}〜{_ym(add_months(earliest, -1))} は対象外です。"
        )
    if "period_end" not in errors and not first <= end <= last:
        errors["period_end"] = f"終了月は{fiscal_year}{label}の{_ym(last)}までです。"
    if errors:
        raise ValidationError(errors)


def maternity_period(
    *, expected: dt.date, multiple: bool, actual: dt.date | None = None
) -> tuple[dt.date, dt.date]:
    """産前産後: the month before the (expected or actual) birth month to two months after; for a
    multiple pregnancy from three months before."""
    base = month_start(actual or expected)
    return add_months(base, -3 if multiple else -1), add_months(base, 2)


def maternity_notice_validate(*, expected: dt.date, applied_on: dt.date) -> None:
    # Six months before the expected date, counted by calendar month (clamped to the month's end).
    target = add_months(month_start(expected), -6)
    next_month = add_months(target, 1)
    earliest = min(
        target.replace(day=1) + dt.timedelta(days=expected.day - 1), next_month - dt.timedelta(days=1)
    )
    if applied_on < earliest:
        raise ValidationError(
            {"expected_birth_date": "産前産後免除は出産予定日の6か月前から届け出できます。"}
        )


def statutory_period_start(*, since: dt.date) -> dt.date:
    """法定免除 starts with the month before the month the ground arose."""
    return add_months(month_start(since), -1)
