"""One pending 個人番号 approval request per person, purpose and clerk. Repeats a double click left
waiting are closed as 却下 with no 係長 (nobody decided them; the first one still waits)."""

from django.db import migrations, models


def close_repeats(apps, schema_editor):
    RevealApproval = apps.get_model("cases", "RevealApproval")
    seen = set()
    for approval in RevealApproval.objects.filter(state="pending").order_by("requested_at", "id"):
        key = (approval.resident_id, approval.purpose, approval.requested_by_id)
        if key in seen:
            RevealApproval.objects.filter(pk=approval.pk).update(state="refused")
        seen.add(key)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0034_result_upload_labels"),
    ]

    operations = [
        migrations.RunPython(close_repeats, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="revealapproval",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "pending")),
                fields=("resident", "purpose", "requested_by"),
                name="reveal_approval_one_pending",
            ),
        ),
    ]
