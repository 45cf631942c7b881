"""A clerk's typed comment and the system's sentence on the timeline (the sixteenth session's left item):
both were one cell's text, so 「決裁しました（承認）」 typed by a clerk read like a note the system wrote. The
system's sentence keeps its element; what a person typed is a labelled quote of its own — on screen
(the label is text, read out by screen readers, not a CSS decoration) and in the disclosure report."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.utils import translation

from cases.kernel.models import CaseEvent
from cases.kernel.services import case_event_record
from documents.disclosure import _events
from documents.rendering import render_html
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


class _Cells(HTMLParser):
    """Each text of the timeline's comment column with the classes of the elements around it, and
    each labelled element's label (figcaption) with the text it labels."""

    VOID = frozenset({"br", "col", "img", "input", "meta", "link", "hr", "wbr"})

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, set[str]]] = []
        self.texts: list[tuple[str, tuple[str, ...], frozenset[str]]] = []  # (text, tags, classes)

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, set((dict(attrs).get("class") or "").split())))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip():
            tags = tuple(tag for tag, _ in self.stack)
            classes = frozenset(c for _, cs in self.stack for c in cs)
            self.texts.append((data.strip(), tags, classes))


def _texts(page: str):
    parser = _Cells()
    parser.feed(page)
    return parser.texts


@pytest.fixture
def case_with_imitation(clerk):
    """A case whose timeline has a system sentence (書類不備) and a clerk's comment typed to read the same."""
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk, documents=["notification_card"])
    with translation.override("ja"):
        said = case.events.get(action=CaseEvent.Action.DOCUMENTS_REQUESTED).text
    assert said  # the system's sentence
    case_event_record(case=case, actor=clerk, action=CaseEvent.Action.CHECKLIST, comment=said)
    return case, said


@pytest.mark.parametrize("language,label", [("ja", "コメント（入力）"), ("en", "Comment (typed)")])
def test_a_typed_comment_equal_to_a_system_sentence_is_in_its_own_labelled_element(
    client, clerk, case_with_imitation, language, label
):
    case, said = case_with_imitation
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(f"/cases/{case.pk}/").content.decode()
    with translation.override(language):
        shown = case.events.get(action=CaseEvent.Action.DOCUMENTS_REQUESTED).text
    found = [(tags, classes) for text, tags, classes in _texts(page) if text in (shown, said)]
    system = [(tags, classes) for tags, classes in found if "timeline-said" in classes]
    typed = [(tags, classes) for tags, classes in found if "timeline-typed" in classes]
    assert len(system) == 1 and "timeline-typed" not in system[0][1]
    assert len(typed) == 1 and "timeline-said" not in typed[0][1]
    assert "blockquote" in typed[0][0] and "blockquote" not in system[0][0]
    # The label is text inside the typed comment's figure (its accessible name), not CSS content.
    labels = [
        (text, tags) for text, tags, classes in _texts(page) if "timeline-typed" in classes and text == label
    ]
    assert len(labels) == 1 and "figcaption" in labels[0][1] and "figure" in labels[0][1]
    assert "figcaption" not in typed[0][0]  # the comment is not inside its label


def test_the_disclosure_report_keeps_the_typed_comment_apart_and_labelled(case_with_imitation):
    case, said = case_with_imitation
    events = _events(case)
    requested = next(e for e in events if e["said"] == said)
    imitated = next(e for e in events if e["typed"] == said)
    assert requested["typed"] == "" and imitated["said"] == ""
    page = render_html(template="documents/pdf/_case_events.html", context={"events": events})
    texts = _texts(page)
    kinds = [
        ("timeline-said" in classes, "timeline-typed" in classes)
        for text, _, classes in texts
        if text == said
    ]
    assert kinds == [(True, False), (False, True)]
    assert any(text == "コメント（入力）" and "figcaption" in tags for text, tags, _ in texts)


def test_the_return_note_heading_a_case_keeps_its_typed_reason_apart_and_labelled(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """The 差戻し's note at the head of the case's pages shows the row's words as the timeline does: a
    reason typed to read like the system's sentence is a labelled quote, not the system's text."""
    case = h.case_at_cross_check(clerk, django_capture_on_commit_callbacks)
    with translation.override("ja"):
        said = next(event.said for event in case.events.all() if event.said)  # a sentence of the system's
    h.cross_check(case, clerk2, matches=False, reason=said)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    note = page.split('class="returned-note"', 1)[1].split("</div>", 1)[0]
    texts = _texts('<div class="returned-note"' + note)
    assert [
        ("blockquote" in tags, "timeline-typed" in classes) for text, tags, classes in texts if text == said
    ] == [(True, True)]
    assert any(text == "コメント（入力）" and "figcaption" in tags for text, tags, _ in texts)


@pytest.mark.parametrize("language,label", [("ja", "コメント（入力）"), ("en", "Comment (typed)")])
def test_a_list_rows_return_reason_keeps_the_typed_text_apart_and_labelled(
    client, clerk, clerk2, django_capture_on_commit_callbacks, language, label
):
    """The desk lists' returned row (a reason cut short) shows what the system said and what a person typed
    apart, the typed part labelled in words, as the timeline and the case's return note do."""
    case = h.case_at_cross_check(clerk, django_capture_on_commit_callbacks)
    with translation.override("ja"):
        said = next(event.said for event in case.events.all() if event.said)
    h.cross_check(case, clerk2, matches=False, reason=said)
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/desk/inbox/").content.decode()
    row = page.split('class="returned', 1)[1].split("</tr>", 1)[0]
    texts = _texts("<tr " + row)
    typed = [(tags, classes) for text, tags, classes in texts if said in text]
    assert typed and all("typed-reason" in classes and "q" in tags for tags, classes in typed)
    assert any(text.startswith(label) and "typed-reason" in classes for text, _tags, classes in texts)
