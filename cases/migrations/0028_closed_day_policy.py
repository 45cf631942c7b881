"""QualificationRuleSet gains `closed_day_policy`: a 届出期限 whose last day falls on a closed day of the city,
with the filing by the next open day. 地方自治法4条の2第4項 (not among the statute texts the rules were checked
against) would move the last day; until the city confirms it, it stays 「要確認」 (undecided)."""

from django.db import migrations

KEY, VALUE = "closed_day_policy", "undecided"
NOTE = (
    " 末日が閉庁日のとき (closed_day_policy) は地方自治法4条の2第4項の適用を確認するまで要確認 (undecided)。"
)


def policy_add(apps, schema_editor):
    RuleSet = apps.get_model("cases", "QualificationRuleSet")
    for row in RuleSet.objects.all():
        if KEY not in row.params:
            row.params = {**row.params, KEY: VALUE}
            row.source = row.source + NOTE
            row.save(update_fields=["params", "source"])


def policy_remove(apps, schema_editor):
    RuleSet = apps.get_model("cases", "QualificationRuleSet")
    for row in RuleSet.objects.all():
        if KEY in row.params:
            row.params = {k: v for k, v in row.params.items() if k != KEY}
            row.source = row.source.replace(NOTE, "")
            row.save(update_fields=["params", "source"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0027_case_intake_key"),
    ]

    operations = [migrations.RunPython(policy_add, policy_remove)]
