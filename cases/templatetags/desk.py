import datetime as dt

from django import template
from django.urls import reverse

from cases.common.calendar import business_day_until
from cases.common.citations import citation_show
from cases.common.date_display import (
    date_input_value,
    date_show,
    fiscal_year_in_text,
    fiscal_year_show,
    list_separator,
    month_show,
    range_separator,
    series_separator,
    yen_show,
)
from cases.common.identifiers.pension_no import pension_no_display
from cases.common.texts import text_render
from cases.kernel.casetypes import intakes_for

register = template.Library()


@register.simple_tag
def range_sep() -> str:
    """「〜」 between a range's ends; " – " on English screens."""
    return range_separator()


@register.simple_tag
def series_sep() -> str:
    """「、」 between the items of a list inside a sentence; ", " on English screens."""
    return series_separator()


@register.simple_tag
def list_sep() -> str:
    """「・」 between the parts of a cell; " / " on English screens."""
    return list_separator()


@register.filter
def wareki(value, precision: str = "") -> str:
    """The one way screens show a date (cases/common/date_display.py): 令和8年4月3日, a moment with its
    local time (令和8年4月3日 14:05, "seconds" or "date" for more or less)."""
    return date_show(value, precision)


# A date as a text box's value that reads back (和暦 in Japanese, ISO in English); a 年度; money.
date_input = register.filter("date_input", date_input_value)
fiscal_year = register.filter("fiscal_year", fiscal_year_show)
# A 年度 inside a sentence (令和8年度; the plain year in English, after the sentence's own "FY").
fiscal_year_text = register.filter("fiscal_year_text", fiscal_year_in_text)
yen = register.filter("yen", yen_show)
# A stored legal citation (法9条1号 …) in the screen's language.
citation = register.filter("citation", citation_show)


@register.filter
def series(values) -> str:
    """Items of a list inside a sentence: 「、」, or ", " on English screens."""
    return series_separator().join(str(value) for value in values)


@register.filter
def open_day_before(value) -> dt.date | None:
    """For a deadline on a day the office is closed (a weekend, a holiday, 年末年始): the last open day
    before it, by when the work has to be done in practice; None on an open day or no date."""
    if not isinstance(value, dt.date):
        return None
    before = business_day_until(value)
    return None if before == value else before


@register.filter
def wareki_month(value) -> str:
    """A month as 令和8年4月: from a date, an ISO date or a stored ISO month ("2026-04")."""
    return month_show(value)


@register.filter
def stored_text(value) -> str:
    """A sentence stored as code and parameters ({"code", "params"}, cases/common/texts.py), worded in the
    screen's language; a plain string (stored before it was a code) as it is."""
    if isinstance(value, dict):
        return text_render(value.get("code", ""), value.get("params") or {})
    return value


@register.filter
def pension_no(value) -> str:
    return pension_no_display(value)


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The query string of this page with another page number: filters and sort stay as chosen."""
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def sort_query(context, key: str) -> str:
    """The list sorted by `key`, or the other way round when it already is (page 1, filters kept)."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["sort"] = f"-{key}" if query.get("sort", "created") == key else key
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def sort_mark(context, key: str) -> str:
    current = context["request"].GET.get("sort", "created")
    return "▲" if current == key else "▼" if current == f"-{key}" else ""


@register.simple_tag
def intake_links(resident) -> list[tuple[str, str]]:
    """(href, label) of every registered type's intake for this resident (CaseTypeSpec.intakes): a new
    type's counter link appears on the intake search and the resident page without a template edit."""
    links = []
    for intake in intakes_for(removed=bool(resident.removed_on)):
        href = reverse(intake.url, args=[resident.pk])
        links.append((f"{href}?{intake.query}" if intake.query else href, str(intake.label)))
    return links
