"""Form fields for Japanese dates: clerks type ISO dates or 和暦 as they appear on paper forms."""

import datetime as dt
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.common.date_display import date_input_value, date_show, month_input_value, month_show
from cases.common.identifiers.no_such_date import no_such_day, no_such_month
from cases.common.identifiers.wareki import parse_wareki_lenient, parse_wareki_month_lenient

# Nobody on file was born before 1900, and no application reaches past 2099. The bounds also keep
# what the desk derives from a date (the retroactive limit 25 months back, 法定免除's month before,
# the 免除年度's end) inside what Python's dates and the 和暦 display can show.
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2099, 12, 31)


_DATE_RANGE = _("「%(typed)s」は%(start)s年〜%(end)s年の日付を入力してください。")
# A 西暦 month in the forms the box reads, whatever its month: 13 is then refused as no month, as 令和8年13月 is.
_SEIREKI_MONTH_RE = re.compile(
    r"^(?P<year>\d{4})(?:[-/.](?P<sep>\d{1,2})|(?P<six>\d{2})|年(?P<ja>\d{1,2})月)$"
)
_MONTH_RANGE = _("「%(typed)s」は%(start)s年〜%(end)s年の年月を入力してください。")
# A 西暦 date in the forms the box reads (one separator throughout), whatever its month and day: 2026-02-30
# is then refused as no such day, as 令和8年2月30日 is, not as text that is no date.
_SEIREKI_DATE_RE = re.compile(
    r"^(?P<year>\d{4})(?:(?P<sep>[-/.])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})"
    r"|(?P<m2>\d{2})(?P<d2>\d{2})|年(?P<m3>\d{1,2})月(?P<d3>\d{1,2})日)$"
)


def _in_range(value: dt.date, typed, message) -> dt.date:
    if not EARLIEST <= value <= LATEST:
        raise ValidationError(
            message % {"typed": typed, "start": EARLIEST.year, "end": LATEST.year}, code="out_of_range"
        )
    return value


def era_note(typed: str, value: dt.date) -> str:
    """The warning for an old-era date read in the following era (A13): the text as typed, the date read
    as the screen writes dates (令和2年1月1日; English 2020-01-01 (R2))."""
    return gettext("「%(typed)s」は改元後の日付のため %(date)s として受け付けました。") % {
        "typed": typed,
        "date": date_show(value),
    }


def era_month_note(typed: str, value: dt.date) -> str:
    """era_note for a month box: 「平成31年5月」 read as 令和元年5月 (English 2019-05 (R1))."""
    return gettext("「%(typed)s」は改元後の年月のため %(month)s として受け付けました。") % {
        "typed": typed,
        "month": month_show(value),
    }


class WarekiDateField(forms.DateField):
    """Accepts 2026-11-26, 2026/11/26, 2026.11.26, 2026年11月26日, 令和8年11月26日, R8.11.26; an old-era date written
    after the 改元 (平成31年5月1日) is read in the new era and remembered in `era_read` for a warning. A
    和暦 date that cannot be (令和8年2月30日, 平成元年1月7日) is refused with the reason."""

    widget = forms.TextInput(
        attrs={"placeholder": _("例: 令和8年11月26日 / 2026-11-26"), "autocomplete": "off"}
    )
    era_read: tuple[str, dt.date] | None = None

    @property
    def era_note(self) -> str:
        return era_note(*self.era_read) if self.era_read else ""

    def widget_attrs(self, widget):
        # A date box, whatever its widget: draft.js puts a date typed before a language switch back as the
        # new page spells it (date_input_value), not in the other language's spelling.
        return {**super().widget_attrs(widget), "data-date": "day"}

    def to_python(self, value):
        self.era_read = None
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for pattern in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日"):
            try:
                parsed = dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, not a time
            except ValueError:
                continue
            return _in_range(parsed, value, _DATE_RANGE)
        if seireki := _SEIREKI_DATE_RE.match(text):
            _no_such_day(seireki, value)
        try:
            parsed, overflowed = parse_wareki_lenient(text)
            parsed = _in_range(parsed, value, _DATE_RANGE)
        except ValidationError as exc:
            if exc.code != "wareki_format":
                # Read as a 和暦 date that cannot be (no 30 February, before its era began, 0年): the
                # reader's own reason says what to correct; the example below is for what is no date.
                raise
            raise ValidationError(
                _("「%(value)s」は日付として読み取れません (例: 令和8年11月26日 / 2026-11-26)。")
                % {"value": value},
                code="invalid",
            ) from exc
        if overflowed:
            self.era_read = (str(value), parsed)
        return parsed

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            return date_input_value(value)
        return value


def _no_such_day(seireki: re.Match, typed) -> None:
    """A 西暦 year, month and day none of the readings took: the reason, naming the month when it is none
    (as the month box says it), else the day (as the 和暦 reader says 令和8年2月30日 は存在しない日付です)."""
    year = int(seireki["year"])
    month = int(seireki["m1"] or seireki["m2"] or seireki["m3"])
    day = int(seireki["d1"] or seireki["d2"] or seireki["d3"])
    if year < 1:  # 0000: no year either, and outside what the box takes
        _in_range(dt.date.min, typed, _DATE_RANGE)
    if not 1 <= month <= 12:
        raise no_such_month(year=year, month=month)
    raise no_such_day(western_year=year, month=month, day=day)


_WHOLE_WAREKI_DATE_RE = re.compile(
    r"^\D+\s*(?:元|\d{1,3})\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[.\-/]\d{1,2}[.\-/]\d{1,2})$"
)


class MonthField(forms.DateField):
    """A month (stored as its first day), typed as clerks type it: 2026-07, 2026.7, 202607, 2026年7月, 令和8年7月,
    R8.7. A text box like the date fields beside it (the browser's month picker took 202607 as a year). A
    和暦 month that cannot be (令和元年4月, 令和8年13月) is refused with the reason; an old era's month after the
    改元 (平成31年5月) is read in the new era and remembered in `era_read`, as the date box does."""

    widget = forms.TextInput(attrs={"placeholder": _("例: 令和8年7月 / 2026-07"), "autocomplete": "off"})
    era_read: tuple[str, dt.date] | None = None

    @property
    def era_note(self) -> str:
        return era_month_note(*self.era_read) if self.era_read else ""

    def widget_attrs(self, widget):
        # As WarekiDateField's: draft.js re-spells a month put back after a switch (month_input_value).
        return {**super().widget_attrs(widget), "data-date": "month"}

    def to_python(self, value):
        self.era_read = None
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value.replace(day=1)
        text = unicodedata.normalize("NFKC", str(value)).strip()
        for pattern in ("%Y-%m", "%Y/%m", "%Y.%m", "%Y%m", "%Y年%m月", "%Y-%m-%d"):
            try:
                parsed = dt.datetime.strptime(text, pattern).date().replace(day=1)  # noqa: DTZ007
            except ValueError:
                continue
            return _in_range(parsed, value, _MONTH_RANGE)
        if seireki := _SEIREKI_MONTH_RE.match(text):  # read as a year and a month: no such month
            month = seireki["sep"] or seireki["six"] or seireki["ja"]
            raise no_such_month(year=int(seireki["year"]), month=int(month))
        try:
            parsed, overflowed = parse_wareki_month_lenient(text)
        except ValidationError as exc:
            if exc.code != "wareki_format":
                raise  # a 和暦 month that cannot be: the reader's reason (as WarekiDateField)
            # A whole 和暦 date is its month, as 2026-07-15 is (a day copied from the papers); one that
            # cannot be says why (令和8年13月1日: no month 13), as the date box says it. Only a date written
            # whole (…日, or R8.7.15): 「令和8年7月3」 may be a month with a stray figure and stays refused.
            if not _WHOLE_WAREKI_DATE_RE.match(text):
                raise ValidationError(
                    _("「%(value)s」は年月として読み取れません (例: 令和8年7月 / 2026-07)。")
                    % {"value": value},
                    code="invalid",
                ) from exc
            try:
                parsed, overflowed = parse_wareki_lenient(text)
            except ValidationError as date_exc:
                if date_exc.code != "wareki_format":
                    raise
                raise ValidationError(
                    _("「%(value)s」は年月として読み取れません (例: 令和8年7月 / 2026-07)。")
                    % {"value": value},
                    code="invalid",
                ) from exc
            parsed = parsed.replace(day=1)
        parsed = _in_range(parsed, value, _MONTH_RANGE)
        if overflowed:
            self.era_read = (str(value), parsed)
        return parsed

    def prepare_value(self, value):
        if isinstance(value, dt.date):  # read back as typed: 令和8年7月 (ISO on English screens)
            return month_input_value(value)
        return value
