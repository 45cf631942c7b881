"""DisabilityRuleSet gains two keys (cases/disability/params.py):

- `recent_year_cutoff_text`: 昭60法附則20条1項 as the e-Gov text reads (「令和八年四月一日前」). The 「要確認」 on the
  令7法 extension (`recent_year_cutoff`) is shown only for a 初診日 the two dates judge differently.
- `category3_doubt`: rules-disability-qualification.md §2.4 DOUBT — 第3号 months reported late (法附則7条の3第1項)
  or tied to a time-barred 厚生年金 premium (法附則7条の2) are not 保険料納付済期間; while true, a contribution
  test over 第3号 months shows 「要確認」.
"""

from django.db import migrations

KEYS = {"recent_year_cutoff_text": "2026-04-01", "category3_doubt": True}


def keys_add(apps, schema_editor):
    RuleSet = apps.get_model("cases", "DisabilityRuleSet")
    for row in RuleSet.objects.all():
        missing = {key: value for key, value in KEYS.items() if key not in row.params}
        if missing:
            row.params = {**row.params, **missing}
            row.save(update_fields=["params"])


def keys_remove(apps, schema_editor):
    RuleSet = apps.get_model("cases", "DisabilityRuleSet")
    for row in RuleSet.objects.all():
        row.params = {key: value for key, value in row.params.items() if key not in KEYS}
        row.save(update_fields=["params"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0028_closed_day_policy"),
    ]

    operations = [migrations.RunPython(keys_add, keys_remove)]
