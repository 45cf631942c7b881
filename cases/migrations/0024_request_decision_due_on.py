"""The 決定期限 of the resident requests (個人情報保護法 83条・94条・102条: 30 days from the request, the
day of the request not counted): a column of its own beside the 送付期限, and filled for the requests
already on file from their 受付日."""

import datetime as dt

from django.db import migrations, models

REQUEST_TYPES = ("disclosure", "correction", "suspension")
DAYS = 30  # cases/requests/casetype.py REQUEST_DECISION_DAYS, as of this migration


def fill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    for case in Case.objects.filter(case_type__in=REQUEST_TYPES, decision_due_on__isnull=True).only(
        "id", "received_on"
    ):
        Case.objects.filter(pk=case.pk).update(decision_due_on=case.received_on + dt.timedelta(days=DAYS))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0023_import_tables_fillfactor"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="decision_due_on",
            field=models.DateField(blank=True, null=True, verbose_name="決定期限"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
