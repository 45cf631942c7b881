"""Issue 10: 所得情報 gains the 16–18 and under-16 dependant counts, the application the 継続審査 申出
and the 生活扶助以外の扶助 ground, and the rule sets the parameters the statute needs (one row per
免除年度 from which they apply)."""

import importlib

from django.db import migrations, models

# 令6条の7〜6条の9の2 and 6条の12 as in force from 令和3年7月: 令和3年政令第99号附則2条2項 (the amounts)
# and 令和2年政令第369号附則2条2項 (ひとり親) apply from the month after the 令和3年 基準月 of 法90条1項1号
# (則77条の2: June), i.e. 免除年度 2021. Checked against the 施行令 text.
CURRENT = {
    "full_base": 320000,
    "full_per_person": 350000,
    "full_alt_limit": 1350000,
    "three_quarters_base": 880000,
    "half_base": 1280000,
    "quarter_base": 1680000,
    "student_base": 1280000,
    "dependant_general": 380000,
    "dependant_elderly": 480000,
    "dependant_specified": 630000,
    "disabled": 270000,
    "special_disabled": 400000,
    "widow": 270000,
    "single_parent": 350000,
    "working_student": 270000,
    "deferral_age_limit": 50,
    "deferral_until": "2030-06",
    "single_parent_route": True,
    "specified_relative_deduction": False,
}
# 令和7年政令第355号 (施行 2026-04-01): 特定親族特別控除 joins the 令6条の12第2項 deductions for months
# after the 令和8年度 基準月 (免除・猶予: from 2026-07). UNCONFIRMED for 学生 (基準月 3月).
FROM_2026 = {**CURRENT, "specified_relative_deduction": True}
# Before 令和3年7月: bases 10万 lower, the 135万円 route at 125万 and only for 障害者・寡婦 (no ひとり親
# before the 令和2年度 tax reform, so no ひとり親 deduction either). 特別寡婦 (35万) is not modelled.
LEGACY = {
    **CURRENT,
    "full_base": 220000,
    "full_alt_limit": 1250000,
    "three_quarters_base": 780000,
    "half_base": 1180000,
    "quarter_base": 1580000,
    "student_base": 1180000,
    "single_parent": 0,
    "single_parent_route": False,
}
ROWS = [
    (
        2014,
        LEGACY,
        "令和3年7月前の基準 (令6条の7〜6条の9の2・6条の8の旧規定: 22万/78万/118万/158万、135万円ルートは125万・"
        "障害者と寡婦のみ)。年金委員のための国民年金FAQ-15 (平成26年度基準)。",
    ),
    (
        2021,
        CURRENT,
        "令6条の7 (32万・35万)、6条の8 (135万)、6条の8の2・6条の9・6条の9の2 (88万・128万・168万、扶養親族等 38万・"
        "老人48万・特定扶養親族等63万)、6条の12第2項 (障害者27万・特別障害者40万・寡婦27万・ひとり親35万・勤労学生27万)。"
        "令和3年政令第99号・令和2年政令第369号附則: 令和3年の基準月の翌月以後。納付猶予は平成26年法律第64号附則14条1項により令和12年6月まで。",
    ),
    (
        2026,
        FROM_2026,
        "2021年度の基準に、令和7年政令第355号による特定親族特別控除 (令6条の12第2項) を加えたもの。"
        "学生 (基準月3月) の経過措置は未確認 (UNCONFIRMED)。",
    ),
]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("cases", "ScreeningRuleSet")
    for year, params, source in ROWS:
        RuleSet.objects.update_or_create(valid_from_year=year, defaults={"params": params, "source": source})


def unseed(apps, schema_editor):
    RuleSet = apps.get_model("cases", "ScreeningRuleSet")
    RuleSet.objects.filter(valid_from_year=2026).delete()
    previous = importlib.import_module("cases.migrations.0006_screening_rules_data")
    previous.seed(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_checklist"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
        migrations.AddField(
            model_name="exemptionapplication",
            name="continuation",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="翌年度以降も継続して審査を希望する",
                verbose_name="継続審査の申出",
            ),
        ),
        migrations.AddField(
            model_name="incomerecord",
            name="dependants_aged16to18",
            field=models.PositiveSmallIntegerField(
                db_default=0,
                default=0,
                help_text="一般扶養親族 (16歳以上) のうち19歳未満の人数: 内数 (12月31日現在の年齢)",
                verbose_name="一般扶養親族数のうち19歳未満",
            ),
        ),
        migrations.AddField(
            model_name="incomerecord",
            name="dependants_under16",
            field=models.PositiveSmallIntegerField(
                db_default=0, default=0, help_text="16歳未満の扶養親族", verbose_name="年少扶養親族数"
            ),
        ),
        migrations.AlterField(
            model_name="exemptionapplication",
            name="special_ground",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "なし"),
                    ("unemployment", "失業等による特例"),
                    ("dv", "配偶者からの暴力 (DV)"),
                    ("disaster", "災害"),
                    ("assistance", "生活扶助以外の扶助 (住宅・教育・医療扶助等)"),
                ],
                default="",
                max_length=20,
                verbose_name="特例",
            ),
        ),
        migrations.AlterField(
            model_name="incomerecord",
            name="total_income",
            field=models.BigIntegerField(
                help_text="総所得金額等 (純損失・雑損失の繰越控除後)", verbose_name="前年所得額"
            ),
        ),
    ]
