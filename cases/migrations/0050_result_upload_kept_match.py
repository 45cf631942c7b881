"""ResultUpload keeps the match worked out when it was checked: who checked it and when, and the counts
(its preview gains each line's case id, stage and outcome). Uploads on file keep no checked_at: their
preview lacks the cases' ids and stages, so a pending one is matched again (再照合) before it can be
applied; the decided ones are shown as they were."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0049_kana_names_katakana'),
    ]

    operations = [
        migrations.AddField(
            model_name='resultupload',
            name='checked_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='照合日時'),
        ),
        migrations.AddField(
            model_name='resultupload',
            name='checked_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='照合した係長'),
        ),
        migrations.AddField(
            model_name='resultupload',
            name='matched_count',
            field=models.PositiveIntegerField(default=0, verbose_name='反映する行'),
        ),
        migrations.AddField(
            model_name='resultupload',
            name='queued_count',
            field=models.PositiveIntegerField(default=0, verbose_name='突合の不一致へ送る行'),
        ),
    ]
