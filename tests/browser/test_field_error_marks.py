"""A box in error is drawn as every box in error is: a red border, and a red outline while the cursor is
in it (the page puts the cursor there, desk.js). The rule named inputs and selects only: the 決裁's
差戻し reason, a box of several lines (textarea), refused empty, kept the grey border and the browser's
black focus ring beside its red message (exploratory walk 2026-12-08)."""

import pytest
from viewflow.workflow.status import STATUS

from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAD = "rgb(166, 27, 27)"  # desk.css --bad

MARKS = """
const box = document.querySelector('textarea[name=reason]');
const style = getComputedStyle(box);
return [box.closest('.has-error') !== null, document.activeElement === box,
        style.borderTopColor, style.outlineColor, style.outlineStyle];
"""


def test_a_reason_box_refused_empty_is_marked_red_like_a_one_line_box(browser, staff):
    clerk, clerk2, supervisor = staff["clerk"], staff["clerk2"], staff["supervisor"]
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2)
    task = h.open_task(case, "approve")
    if task.status == STATUS.NEW:
        engine.task_claim(task_id=task.pk, user=supervisor)
    b = browser
    b.login(supervisor.username)
    b.open(f"/desk/tasks/{task.pk}/")
    b.tick("decision", "reject")
    b.press("決裁を記録")
    b.sees("差戻しの理由を入力してください。")
    in_error, focused, border, outline, line = b.driver.execute_script(MARKS)
    b.shot("field_error_textarea", full=False)
    assert in_error and focused, (in_error, focused)
    assert (border, outline, line) == (BAD, BAD, "solid"), (border, outline, line)
