"""Formatting for the printed forms: 和暦 fiscal years and the 所得情報 items."""

import datetime as dt

from django import template

from cases.common.identifiers.wareki import format_wareki
from cases.templatetags.desk import wareki, yen

register = template.Library()


@register.filter
def nendo(fiscal_year) -> str:
    """2026 → 令和8年度 (named after the era on 1 July, when a 免除年度 starts)."""
    if not fiscal_year:
        return ""
    text = format_wareki(dt.date(int(fiscal_year), 7, 1))
    return text.split("年", 1)[0] + "年度"


@register.filter
def income_value(item: dict) -> str:
    kind, value = item.get("type"), item.get("value")
    if kind == "yen":
        return yen(value or 0)
    if kind == "count":
        return f"{int(value or 0)}人"
    if kind == "flag":
        return "該当" if value else "―"
    if kind == "date":
        return wareki(value) or "―"
    return str(value) if value not in (None, "") else "―"


@register.filter
def wareki_dt(value) -> str:
    """An ISO date-time from a snapshot → 令和8年11月26日 10:15 (local time as snapshotted)."""
    if not value:
        return ""
    moment = dt.datetime.fromisoformat(str(value))
    return f"{wareki(moment.date())} {moment:%H:%M}"


@register.filter
def wareki_year(year) -> str:
    """2026 → 令和8年 (named after the era at the end of the year)."""
    if not year:
        return ""
    return format_wareki(dt.date(int(year), 12, 31)).split("年", 1)[0] + "年"
