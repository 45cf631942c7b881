"""The timeline rows of 0059's note: the 障害基礎年金 intake marks the claim form 受領 with the note 「窓口で受領」. Before
d4991c6 the timeline kept that note as a comment, worded once (cases/kernel/checklist.py: the mark's sentence
`checklist_marked`, the note in `comment`); the code now keeps it as the sentence `checklist_noted` (the mark, then
the note's sentence), worded in each reader's language. 0059 turned the checklist rows; this turns the timeline's.

Only the intake's own mark is rewritten: a 障害基礎年金 case's next event after its 受付, by the person who took it
(disability_intake writes them one after the other), whose comment is exactly the note as the intake wrote it. A
note a clerk typed on any later mark is theirs and stays as typed, even in the same words. The comments the
exemption form's era notes left (before dc4d8f7) are not read back: each quotes what a clerk typed in a date box
beside a form field's label and the date read, several joined by spaces — not a fixed set of sentences, and
reading them back would mean splitting a clerk's own words."""

from django.db import migrations

NOTE = "窓口で受領"  # what cases/disability/intake.py wrote, in the installation's language since 9423d24
# ... and in the screen's language before it (f390b0f to 9423d24): the English catalogue's words for it then.
WORDS = (NOTE, "Received at the counter")
SENTENCE = {"code": "disability_received_at_counter", "params": {}}  # cases/disability/texts.py
MARKED, NOTED = "checklist_marked", "checklist_noted"  # cases/kernel/texts.py


def _intake_marks(CaseEvent, **found):
    """The intake's marks among the checklist rows `found` selects."""
    for event in CaseEvent.objects.filter(action="checklist", case__case_type="disability", **found):
        previous = CaseEvent.objects.filter(case_id=event.case_id, id__lt=event.id).order_by("-id").first()
        if previous is not None and previous.action == "received" and previous.actor_id == event.actor_id:
            yield event


def notes_to_sentences(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    changed = []
    for event in _intake_marks(CaseEvent, text_code=MARKED, comment__in=WORDS):
        said = {"code": event.text_code, "params": event.text_params or {}}
        event.text_code, event.text_params, event.comment = NOTED, {"said": said, "note": SENTENCE}, ""
        changed.append(event)
    CaseEvent.objects.bulk_update(changed, ["text_code", "text_params", "comment"], batch_size=1000)


def sentences_to_notes(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    changed = []
    for event in _intake_marks(CaseEvent, text_code=NOTED, comment=""):
        params = event.text_params or {}
        said = params.get("said")
        if params.get("note") != SENTENCE or not isinstance(said, dict) or said.get("code") != MARKED:
            continue
        event.text_code, event.text_params, event.comment = MARKED, said.get("params") or {}, NOTE
        changed.append(event)
    CaseEvent.objects.bulk_update(changed, ["text_code", "text_params", "comment"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0061_exemption_disaster_facts"),
    ]

    operations = [
        migrations.RunPython(notes_to_sentences, sentences_to_notes),
    ]
