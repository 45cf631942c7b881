"""ChecklistItem.label_text: a paper's name with computed parts kept as a sentence, so that each screen
words it in its own language. The 診断書 items on file get theirs from their claim's assessment (the
same window and dates their stored label was written from)."""

from django.db import migrations, models

# The window labels as cases/disability/present.py WINDOWS has them at this migration (message ids).
WINDOWS = {
    ("recognition_date", "after_3m"): "障害認定日以後3か月以内の現症",
    ("recognition_date", "around_3m"): "障害認定日 (20歳到達日) の前後3か月以内の現症",
    ("claim_date", "before_3m"): "請求日前3か月以内の現症",
}
CODES = {"certificate_recognition": "recognition_date", "certificate_claim": "claim_date"}


def label_texts_fill(apps, schema_editor):
    ChecklistItem = apps.get_model("cases", "ChecklistItem")
    DisabilityClaim = apps.get_model("cases", "DisabilityClaim")
    items = ChecklistItem.objects.filter(code__in=CODES, label_text={})
    claims = DisabilityClaim.objects.filter(case_id__in=items.values("case_id"))
    assessments = {claim.case_id: claim.assessment or {} for claim in claims}
    for item in items:
        for certificate in assessments.get(item.case_id, {}).get("certificates", []):
            window = WINDOWS.get((certificate.get("anchor"), certificate.get("window")))
            if certificate.get("anchor") == CODES[item.code] and window:
                params = {"window": window, "first": certificate["first"], "last": certificate["last"]}
                item.label_text = {"code": "disability_certificate", "params": params}
                item.save(update_fields=["label_text"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0025_caseevent_deadline_extended"),
    ]

    operations = [
        migrations.AddField(
            model_name="checklistitem",
            name="label_text",
            field=models.JSONField(blank=True, default=dict, verbose_name="書類名 (表示用)"),
        ),
        migrations.RunPython(label_texts_fill, migrations.RunPython.noop),
    ]
