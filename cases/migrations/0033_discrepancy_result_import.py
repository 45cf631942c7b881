import django.db.models.deletion
from django.db import migrations, models


def backfill(apps, schema_editor):
    """Items with a line take its import. A 「結果のない送付案件」 named its file (text_params["file"])
    and was written in the same transaction as its import: the latest import of that file name made
    before the item. Older items worded as plain text stay without one (the filter by import leaves them out, as before)."""
    Discrepancy = apps.get_model("cases", "Discrepancy")
    ResultImport = apps.get_model("cases", "ResultImport")
    Discrepancy.objects.filter(line__isnull=False).update(
        result_import=models.Subquery(
            apps.get_model("cases", "ResultLine")
            .objects.filter(pk=models.OuterRef("line_id"))
            .values("result_import_id")[:1]
        )
    )
    for item in Discrepancy.objects.filter(line__isnull=True, text_code="missing_result").iterator():
        made = (
            ResultImport.objects.filter(
                filename=item.text_params.get("file", ""), imported_at__lte=item.created_at
            )
            .order_by("-imported_at", "-pk")
            .first()
        )
        if made is not None:
            Discrepancy.objects.filter(pk=item.pk).update(result_import=made)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0032_result_upload_withdrawn"),
    ]

    operations = [
        migrations.AddField(
            model_name="discrepancy",
            name="result_import",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="discrepancy_items",
                to="cases.resultimport",
                verbose_name="取込番号",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
