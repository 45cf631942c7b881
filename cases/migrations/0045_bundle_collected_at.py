"""SubmissionBundle.collected_at: when the adding of the cut-off's cases last ran to its end. A bundle
without it is neither zipped nor sealed (a worker killed while adding left an empty draft that could be).

Bundles on file count as collected at their creation, except a draft whose adding is still marked as
running (a killed worker) or stopped with its error: its page offers to resume the adding."""

from django.db import migrations, models
from django.db.models import F, Q

STOPPED_ADDING = "案件の追加が途中で止まりました"


def mark_collected(apps, schema_editor):
    bundle = apps.get_model("cases", "SubmissionBundle")
    unfinished = Q(state="draft") & (Q(job="collect") | Q(job_error__startswith=STOPPED_ADDING))
    bundle.objects.exclude(unfinished).update(collected_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0044_special_elderly_reported_born_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="submissionbundle",
            name="collected_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="案件の追加の完了日時"),
        ),
        migrations.RunPython(mark_collected, migrations.RunPython.noop),
    ]
