import datetime as dt

from django import template

from cases.common.dates import date_show
from cases.common.identifiers.pension_no import pension_no_display
from cases.common.identifiers.wareki import format_wareki

register = template.Library()


@register.filter
def wareki(value, precision: str = "") -> str:
    """The one way screens show a date (cases/common/dates.py): 令和8年4月3日, a moment with its
    local time (令和8年4月3日 14:05, "seconds" or "date" for more or less)."""
    return date_show(value, precision)


@register.filter
def wareki_month(value) -> str:
    if isinstance(value, str) and value:
        value = dt.date.fromisoformat(value[:10])
    text = format_wareki(value) if value else ""
    return text.rsplit("月", 1)[0] + "月" if text else ""


@register.filter
def yen(value) -> str:
    if value in (None, ""):
        return ""
    return f"{int(value):,}円"


@register.filter
def pension_no(value) -> str:
    return pension_no_display(value)
