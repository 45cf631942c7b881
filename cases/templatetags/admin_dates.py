"""The admin list's drill-down by date (date_hierarchy) with years and months as screens name them
(cases/common/date_display.py): Django titles them from the locale's formats (2026, 2026年4月).
config/templates/admin/change_list.html puts this tag in place of Django's."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

from django import template
from django.contrib.admin.templatetags.admin_list import date_hierarchy
from django.contrib.admin.templatetags.base import InclusionAdminNode

from cases.common.date_display import month_show, year_show

register = template.Library()


def wareki_date_hierarchy(cl) -> dict | None:
    context = date_hierarchy(cl)
    if not context:
        return context
    for entry in (context.get("back"), *context.get("choices", ())):
        if entry and entry.get("link"):
            entry["title"] = _title(entry["link"], cl.date_hierarchy) or entry["title"]
    return context


def _title(link: str, field: str) -> str:
    """A year's or a month's title, read from the link's own filter; "" for a day (4月3日 needs no era)
    and for "all dates"."""
    query = parse_qs(urlsplit(link).query)
    year, month, day = (query.get(f"{field}__{part}", [""])[0] for part in ("year", "month", "day"))
    if day or not year:
        return ""
    if month:
        return month_show(dt.date(int(year), int(month), 1))
    return year_show(int(year))


@register.tag(name="wareki_date_hierarchy")
def wareki_date_hierarchy_tag(parser, token):
    return InclusionAdminNode(
        parser, token, func=wareki_date_hierarchy, template_name="date_hierarchy.html", takes_context=False
    )
