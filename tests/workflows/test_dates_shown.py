"""Issue 14 §3: one date rule on every screen — 和暦, a moment with its local time; English screens
show the ISO date with the era year. No screen template formats a date its own way."""

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation

from cases.templatetags.desk import wareki

TOKYO = ZoneInfo("Asia/Tokyo")


def test_a_date_and_a_moment_are_shown_in_wareki_with_local_time():
    assert wareki(dt.date(2026, 4, 3)) == "令和8年4月3日"
    assert wareki("2026-04-03") == "令和8年4月3日"
    moment = dt.datetime(2026, 4, 3, 0, 5, 9, tzinfo=dt.UTC)  # 09:05 in Tokyo
    assert wareki(moment) == "令和8年4月3日 09:05"
    assert wareki(moment, "seconds") == "令和8年4月3日 09:05:09"
    assert wareki(moment, "date") == "令和8年4月3日"
    assert wareki(dt.datetime(2019, 4, 30, 23, 30, tzinfo=TOKYO)) == "平成31年4月30日 23:30"
    assert wareki(None) == wareki("") == ""


def test_english_screens_show_the_iso_date_with_the_era_year():
    with translation.override("en"):
        assert wareki(dt.date(2026, 4, 3)) == "2026-04-03 (R8)"
        assert wareki(dt.datetime(2026, 4, 3, 0, 5, tzinfo=dt.UTC)) == "2026-04-03 (R8) 09:05"


def test_no_screen_template_formats_a_date_its_own_way():
    """Documents (documents/templates/documents/pdf/) keep their own form layouts."""
    own_way = re.compile(r"\|(date|time):")
    offenders = []
    for template in Path(settings.BASE_DIR).glob("*/templates/**/*.html"):
        if "pdf" in template.parts or ".venv" in template.parts:
            continue
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            if own_way.search(line) and 'type="text" name="due_on"' not in line:
                offenders.append(f"{template.relative_to(settings.BASE_DIR)}:{number}")
    assert not offenders, offenders


def test_no_screen_template_shows_a_year_as_a_bare_number():
    """A 年度 is shown as the screens show one (令和8年度; FY2026 (R8)): the exemption pages' 賦課年度 read
    a bare 2026 beside 令和 days. Documents keep their own layouts (they print 令和8年度 (2026年度))."""
    bare = re.compile(r"\{\{\s*([\w.]*_year)\s*\}\}")
    offenders = []
    for template in Path(settings.BASE_DIR).glob("*/templates/**/*.html"):
        if "pdf" in template.parts or ".venv" in template.parts:
            continue
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
            # A blocktranslate's own name (with tax_year=…|fiscal_year_text) is shown already worded.
            if any(f"{name}=" not in line for name in bare.findall(line)):
                offenders.append(f"{template.relative_to(settings.BASE_DIR)}:{number}")
    assert not offenders, offenders
