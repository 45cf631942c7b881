"""A date put back into a text box reads back whatever the screen's language: 和暦 on Japanese
screens, ISO on English ones. The exploratory tests of 2026-12-05 found the 提出期限 box of the
papers' panel filled as 2026-12-18 on a Japanese screen, and the intake's 受付日 as 令和8年12月6日 on an
English one."""

import datetime as dt

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cases.common.fields import MonthField, WarekiDateField

DAY = dt.date(2026, 12, 18)


@pytest.mark.parametrize(("language", "shown"), [("ja", "令和8年12月18日"), ("en", "2026-12-18")])
def test_a_date_in_a_box_is_in_the_screens_form_and_reads_back(language, shown):
    field = WarekiDateField()
    with translation.override(language):
        assert field.prepare_value(DAY) == shown
        assert field.clean(field.prepare_value(DAY)) == DAY


@pytest.mark.django_db
def test_the_papers_panel_fills_its_deadline_box_in_wareki(client, clerk, django_capture_on_commit_callbacks):
    from cases.common.identifiers.wareki import format_wareki
    from cases.kernel.checklist import checklist_mark
    from tests.disability import helpers as d
    from tests.factories import PensionRecordFactory

    due = timezone.localdate() + dt.timedelta(days=10)  # a deadline from today on
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    item = case.checklist.first()
    checklist_mark(case=case, code=item.code, state="requested", actor=clerk, due_on=due)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'name="due_on" size="14" value="{format_wareki(due)}"' in page


def test_a_date_box_s_example_is_in_the_screens_form_like_a_month_box_s():
    """An English screen's date boxes read 「e.g. 令和8年11月26日 / 2026-11-26」 while its month boxes read
    "e.g. 2026-07 / R8.7": the example leads with the form the screen shows (exploratory test, finding 6).
    Then "R8" itself (the sixteenth session's left item): an English reader does not know it, so English
    examples are ISO only, while the boxes still read 和暦 (test_english_boxes_still_read_wareki)."""
    field = WarekiDateField()
    with translation.override("en"):
        placeholder = str(field.widget.attrs["placeholder"])
        with pytest.raises(ValidationError) as refused:
            field.clean("abc")
    assert placeholder == "e.g. 2026-11-26"
    assert "令和" not in refused.value.messages[0] and "R8" not in refused.value.messages[0]
    assert "(e.g. 2026-11-26)" in refused.value.messages[0]


def _rendered(field) -> str:
    """The box as a form renders it, in the active language."""
    return str(type("DayForm", (forms.Form,), {"day": field})()["day"])


@pytest.mark.parametrize(
    ("field", "typed", "english", "japanese"),
    [
        (WarekiDateField(), "abc", "e.g. 2026-11-26", "例: 令和8年11月26日 / 2026-11-26"),
        (MonthField(), "abc", "e.g. 2026-07", "例: 令和8年7月 / 2026-07"),
    ],
    ids=["date", "month"],
)
def test_the_rendered_boxes_example_and_error_are_iso_only_in_english(field, typed, english, japanese):
    with translation.override("en"):
        box = _rendered(field)
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
    assert f'placeholder="{english}"' in box and "R8" not in box
    assert f"(e.g. {english[len('e.g. ') :]})" in refused.value.messages[0]
    assert "R8" not in refused.value.messages[0] and "令和" not in refused.value.messages[0]
    with translation.override("ja"):  # Japanese as it was: 和暦 first, then ISO
        box = _rendered(field)
        with pytest.raises(ValidationError) as refused:
            field.clean(typed)
    assert f'placeholder="{japanese}"' in box
    assert f"({japanese})" in refused.value.messages[0]


def test_english_boxes_still_read_wareki():
    with translation.override("en"):
        assert WarekiDateField().clean("R8.11.26") == dt.date(2026, 11, 26)
        assert WarekiDateField().clean("令和8年11月26日") == dt.date(2026, 11, 26)
        assert MonthField().clean("R8.7") == dt.date(2026, 7, 1)
        assert MonthField().clean("令和8年7月") == dt.date(2026, 7, 1)
