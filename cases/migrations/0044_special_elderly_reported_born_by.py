"""QualificationRuleSet gains `special_elderly_reported_born_by` (rules-disability-qualification.md §3.3 DOUBT):
令7法 (令和7年法律第74号) reportedly extended the 特例高齢任意加入 birth-date window of 平16法附則23条1項 beyond
昭和40年4月1日, believed to 昭和45年4月1日. A birth after `special_elderly_born_by` and on or before this date is
taken with 「要確認」 instead of refused; once the amended 附則 is read, a new row moves `special_elderly_born_by`.
cases/reference.py applies `band_add` after seeding a flushed test database from 0020."""

from django.db import migrations

KEY, VALUE = "special_elderly_reported_born_by", "1970-04-01"
NOTE = (
    " 令7法による特例高齢任意加入の生年月日の延長 (昭和45年4月1日以前と報告、special_elderly_reported_born_by)"
    " は改正附則を確認するまで要確認として受け付ける。"
)


def band_add(apps, schema_editor):
    RuleSet = apps.get_model("cases", "QualificationRuleSet")
    for row in RuleSet.objects.all():
        if KEY not in row.params and row.params.get("special_elderly_born_by", "") < VALUE:
            row.params = {**row.params, KEY: VALUE}
            row.source = row.source + NOTE
            row.save(update_fields=["params", "source"])


def band_remove(apps, schema_editor):
    RuleSet = apps.get_model("cases", "QualificationRuleSet")
    for row in RuleSet.objects.all():
        if KEY in row.params:
            row.params = {k: v for k, v in row.params.items() if k != KEY}
            row.source = row.source.replace(NOTE, "")
            row.save(update_fields=["params", "source"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0043_staff_names"),
    ]

    operations = [migrations.RunPython(band_add, band_remove)]
