"""ChecklistItem.note_text: a note the system writes, kept as a sentence and worded in each reader's
language (cases/common/texts.py). The claim form's 「窓口で受領」, written at intake in the installation's
language until now, becomes that sentence on the rows that hold it, so English screens word it too."""

from django.db import migrations, models

INTAKE_NOTE = "窓口で受領"  # what cases/disability/intake.py wrote (its message id)
SENTENCE = {"code": "disability_received_at_counter", "params": {}}  # cases/disability/texts.py


def notes_to_sentences(apps, schema_editor):
    item = apps.get_model("cases", "ChecklistItem")
    item.objects.filter(code="claim_form", note=INTAKE_NOTE).update(note="", note_text=SENTENCE)


def sentences_to_notes(apps, schema_editor):
    item = apps.get_model("cases", "ChecklistItem")
    item.objects.filter(code="claim_form", note_text=SENTENCE).update(note=INTAKE_NOTE, note_text={})


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0058_qualification_undecided_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="checklistitem",
            name="note_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="備考 (表示用)"),
        ),
        migrations.RunPython(notes_to_sentences, sentences_to_notes),
    ]
