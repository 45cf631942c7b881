"""入力's warning naming the required papers still missing joins them with the screen's list separator
(「、」, ", " in English), as 照合's refusal does (cases/kernel/checklist.py): the walk of 2026-12-07 read
"(Separation notice …・…)" on an English screen."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from cases.common.codes import InsuredKind
from cases.kernel.checklist import checklist_missing
from cases.kernel.models import ChecklistItem
from tests.qualification.helpers import intake, person, take
from workflows.views.qualification import _input_done

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


@pytest.fixture
def two_missing(clerk):
    """A 種別変更 2号→1号 at 入力 missing two required papers (則6条の2's proof of 資格喪失, and one
    more marked required, as a 係長 may)."""
    case = intake(
        clerk,
        person(kind=InsuredKind.SECOND),
        kind="kind_change",
        event="leave_employee_pension",
        event_date=TODAY - 3 * DAY,
        japanese_national=True,
    )
    from workflows import steps

    steps.identity_record(
        task_id=take(case, "verify_identity", clerk).pk, user=clerk, documents=["mynumber_card"]
    )
    task = take(case, "enter_data", clerk)
    case.checklist.update(required=True, state=ChecklistItem.State.MISSING)
    missing = checklist_missing(case)
    assert len(missing) >= 2, [item.label for item in missing]
    return task, missing


@pytest.mark.parametrize(("language", "separator"), [("en", ", "), ("ja", "、")])
def test_the_missing_papers_are_joined_with_the_readers_separator(two_missing, language, separator):
    task, missing = two_missing
    with translation.override(language):
        said = _input_done(task)
        joined = separator.join(item.label_shown for item in missing)
    assert joined in said, said
    for item in missing:
        said = said.replace(item.label_shown, "")
    assert "・" not in said
