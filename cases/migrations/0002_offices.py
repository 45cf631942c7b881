from django.db import migrations

# 市民課 (本庁) and the 7 支所 named in the assessment (I-2 ④使用部署).
OFFICES = [
    ("honcho", "市民課 (本庁)", "main"),
    ("kamui", "神居支所", "branch"),
    ("etanbetsu", "江丹別支所", "branch"),
    ("nagayama", "永山支所", "branch"),
    ("higashiasahikawa", "東旭川支所", "branch"),
    ("kagura", "神楽支所", "branch"),
    ("nishikagura", "西神楽支所", "branch"),
    ("higashitakasu", "東鷹栖支所", "branch"),
]


def create_offices(apps, schema_editor):
    Office = apps.get_model("cases", "Office")
    for order, (code, name, kind) in enumerate(OFFICES):
        Office.objects.update_or_create(code=code, defaults={"name": name, "kind": kind, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(create_offices, migrations.RunPython.noop)]
