"""入力's warning naming the 診断書 whose 現症日 is outside its window joins them with the screen's list
separator (「、」, ", " in English): it used 「・」 on English screens too (found beside the same defect of
the 資格届出's missing papers, 2026-12-07). A late claim (遡及, 法30条1項・則31条) asks for two."""

import datetime as dt

import pytest
from django.utils import translation

from cases.disability.present import claim_display
from tests.disability import helpers as d
from tests.factories import PensionRecordFactory
from workflows.views.disability import _input_done

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_outside(clerk):
    """A late claim saved at 入力 with both 現症日 a month before their windows."""
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident, first_visit_on=d.years_ago(4))
    d.verify(case, clerk)
    outside = {code: day - dt.timedelta(days=40) for code, day in d.inside_windows(case).items()}
    assert len(outside) == 2
    task = d.take(case, "enter_data", clerk)
    d.actions.input_save(task_id=task.pk, user=clerk, data=d.entered(case, current_on=outside))
    return task


@pytest.mark.parametrize(("language", "separator"), [("en", ", "), ("ja", "、")])
def test_the_certificates_outside_their_windows_are_joined_with_the_readers_separator(
    both_outside, language, separator
):
    with translation.override(language):
        said = _input_done(both_outside)
        labels = [
            str(row["label"]) for row in claim_display(both_outside.process.case.disability)["certificates"]
        ]
    assert len(labels) == 2 and separator.join(labels) in said, said
    assert "・".join(labels) not in said
