"""How screens show a date or a moment: one rule for every page and every stored text
(cases/templatetags/desk.py `wareki`, cases/common/texts.py). The statutes' date arithmetic is
cases/common/dates.py."""

import datetime as dt

from django.utils import timezone, translation
from django.utils.formats import date_format

from cases.common.identifiers.eras import ERAS, era_of
from cases.common.identifiers.no_such_date import screen_is_japanese
from cases.common.identifiers.wareki import format_wareki


def _as_date(value) -> dt.date | None:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10]) if value else None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value or None


def _date_text(day: dt.date) -> str:
    if translation.get_language() == "en":
        # English screens: the ISO date, with the era year people quote at the counter.
        if day < ERAS[0].start:
            return day.isoformat()
        era = era_of(day)
        return f"{day.isoformat()} ({era.letter}{day.year - era.start.year + 1})"
    return format_wareki(day)


def range_separator() -> str:
    """Between the ends of a range: 令和8年7月〜令和9年6月; English 2026-07 – 2027-06."""
    return "〜" if screen_is_japanese() else " – "


def list_separator() -> str:
    """Between the parts of a cell whose heading names them (扶養 一般・老人・特定): English " / "."""
    return "・" if screen_is_japanese() else " / "


def series_separator() -> str:
    """Between the items of a list inside a sentence (月の範囲、書類): English ", "."""
    return "、" if screen_is_japanese() else ", "


def date_show(value, precision: str = "") -> str:
    """令和8年4月3日 (from a date or an ISO date string). A datetime adds its local time
    (令和8年4月3日 14:05; precision "seconds" adds the seconds, "date" leaves the time out). English
    screens show 2026-04-03 (R8) 14:05. Documents render in Japanese, so they always get 和暦."""
    day = _as_date(value)
    if day is None:
        return ""
    text = _date_text(day)
    if isinstance(value, dt.datetime) and precision != "date":
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        text += moment.strftime(" %H:%M:%S" if precision == "seconds" else " %H:%M")
    return text


def moments_shown():
    """`date_show` for the many moments of one page in one language (a list's 50 creation times): the zone
    read once and each day worded once, where `date_show` reads the zone twice a moment (a twentieth of a
    queue page, py-spy 2026-12-07). The same words (tests/identifiers/test_moments_shown.py)."""
    zone = timezone.get_current_timezone()
    days: dict[dt.date, str] = {}

    def show(value: dt.datetime) -> str:
        if not timezone.is_aware(value):
            return date_show(value)
        local = value.astimezone(zone)
        day = local.date()
        if day not in days:
            days[day] = _date_text(day)
        return f"{days[day]} {local:%H:%M}"

    return show


def year_show(year: int) -> str:
    """A calendar year (the admin's drill-down by date): 令和8年; English screens show 2026 (R8). A year
    in which an era began belongs to both (平成31年・令和元年, 2019 (H31/R1))."""
    ends = [day for day in (dt.date(year, 1, 1), dt.date(year, 12, 31)) if day >= ERAS[0].start]
    if not ends:
        return str(year)
    if translation.get_language() == "en":
        eras = dict.fromkeys(f"{era_of(day).letter}{year - era_of(day).start.year + 1}" for day in ends)
        return f"{year} ({'/'.join(eras)})"
    return list_separator().join(dict.fromkeys(format_wareki(day).split("年", 1)[0] + "年" for day in ends))


def month_show(value) -> str:
    """A month as 令和8年4月 (from a date, an ISO date or a stored "YYYY-MM"); English screens show
    2026-04 (R8)."""
    if isinstance(value, str):
        if not value:
            return ""
        value = dt.date.fromisoformat(value[:10] if len(value) > 7 else f"{value[:7]}-01")
    if value is None:
        return ""
    if value < ERAS[0].start:
        return f"{value:%Y-%m}"
    if translation.get_language() == "en":
        era = era_of(value)
        return f"{value:%Y-%m} ({era.letter}{value.year - era.start.year + 1})"
    return format_wareki(value).rsplit("月", 1)[0] + "月"


def date_input_value(value) -> str:
    """A date put back into a text box, in a form the box reads again (cases/common/fields.py): 和暦
    on Japanese screens, the ISO date on English ones (「2026-04-03 (R8)」 would not read back)."""
    day = _as_date(value)
    if day is None:
        return ""
    return day.isoformat() if translation.get_language() == "en" else format_wareki(day)


def month_input_value(value) -> str:
    """A month put back into a text box so that it reads again (cases/common/fields.py MonthField):
    令和8年7月 on Japanese screens, 2026-07 on English ones."""
    day = _as_date(value)
    if day is None:
        return ""
    return f"{day:%Y-%m}" if translation.get_language() == "en" else month_show(day)


def yen_show(amount) -> str:
    """Money as screens show it: 218,300円 on Japanese screens, ¥218,300 on English ones (integer yen)."""
    if amount in (None, ""):
        return ""
    amount = int(amount)
    return f"¥{amount:,}" if translation.get_language() == "en" else f"{amount:,}円"


def fiscal_year_show(year) -> str:
    """A 年度 (免除年度: July to June; 年度: April to March) by the year it starts in: 令和8年度 on Japanese
    screens (it read 2026年度 beside 令和 months), FY2026 (R8) on English ones."""
    if not year:
        return ""
    start = dt.date(int(year), 7, 1)
    if translation.get_language() == "en":
        era = era_of(start)
        return f"FY{start.year} ({era.letter}{start.year - era.start.year + 1})"
    return format_wareki(start).split("年", 1)[0] + "年度"


def month_in_text(month: dt.date) -> str:
    """A month inside a sentence: 令和7年7月 on Japanese screens (they read 2025年7月 beside 令和 days), "July
    2025" in an English one (a sentence reads better so than 2025-07 (R7))."""
    if translation.get_language() == "en":
        return date_format(month, "YEAR_MONTH_FORMAT")
    return month_show(month)


def fiscal_year_in_text(year: int) -> str:
    """A 年度 inside a sentence: 令和7年度 on Japanese screens, the plain year in English ("exemption year
    2025", "FY2025")."""
    return str(year) if translation.get_language() == "en" else fiscal_year_show(year)
