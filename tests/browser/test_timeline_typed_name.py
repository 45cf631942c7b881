"""A typed comment on the timeline is named for a screen reader, not only drawn apart: the browser's own
accessibility tree gives the quote's figure the name 「コメント（入力）」 / "Comment (typed)" (its figcaption),
and the system's sentence none of it; axe finds nothing wrong on the page (JIS X 8341-3, as
test_accessibility.py checks)."""

import pytest
from django.utils import translation

from cases.kernel.models import CaseEvent
from cases.kernel.services import case_event_record
from tests.browser.a11y import axe_violations, report
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "label"), [("ja", "コメント（入力）"), ("en", "Comment (typed)")])
def test_the_typed_comment_s_figure_is_named_by_its_label(browser, staff, language, label):
    clerk = staff["clerk"]
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk, documents=["notification_card"])
    with translation.override("ja"):
        said = case.events.get(action=CaseEvent.Action.DOCUMENTS_REQUESTED).said
    case_event_record(case=case, actor=clerk, action=CaseEvent.Action.CHECKLIST, comment=said)
    b = browser
    b.login(clerk.username)
    b.driver.add_cookie({"name": "django_language", "value": language, "path": "/"})
    b.open(f"/cases/{case.pk}/")
    [typed] = b.driver.find_elements("css selector", "table.timeline figure.timeline-typed")
    assert typed.aria_role == "figure" and typed.accessible_name == label
    assert typed.find_element("css selector", "blockquote").text == said
    saids = b.driver.find_elements("css selector", "table.timeline .timeline-said")
    assert saids and all(label not in element.text for element in saids)
    assert not report(axe_violations(b.driver), f"/cases/{case.pk}/ ({language})")
