"""Every case filed with 機構 stores its 送付期限 (国民年金法施行規則9条: 14 days from 受理), not only a
資格届出: the desk, the dashboard and the bundle screen read the one column. Cases opened before this
get it from their 受付日; a 勧奨 case still waiting for the person's filing (受付, 資格届出) has none yet."""

import datetime as dt

from django.db import migrations

FILED_TYPES = ("exemption", "disability", "qualification")  # the types filed with 機構 at this migration
SEND_DAYS = 14
BATCH = 2000


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    missing = (
        Case.objects.filter(case_type__in=FILED_TYPES, send_due_on__isnull=True)
        .exclude(case_type="qualification", stage="intake")
        .only("pk", "received_on")
        .order_by("pk")
    )
    batch = []
    for case in missing.iterator(chunk_size=BATCH):
        case.send_due_on = case.received_on + dt.timedelta(days=SEND_DAYS)
        batch.append(case)
        if len(batch) == BATCH:
            Case.objects.bulk_update(batch, ["send_due_on"])
            batch = []
    if batch:
        Case.objects.bulk_update(batch, ["send_due_on"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0021_i14_desk")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
