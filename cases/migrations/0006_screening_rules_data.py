from django.db import migrations

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
}
# Before the reform that followed the 2018 tax reform (基礎控除 +10万 / 給与所得控除 −10万).
LEGACY = {
    **CURRENT,
    "full_base": 220000,
    "three_quarters_base": 780000,
    "half_base": 1180000,
    "quarter_base": 1580000,
    "student_base": 1180000,
}
ROWS = [
    (2014, LEGACY, "年金委員のための国民年金FAQ-15 (平成26年度基準)。令和3年度前の基準。UNCONFIRMED: 切替年度。"),
    (
        2021,
        CURRENT,
        "稲城市・sumimasen.life・limo.media ほか (domain.md §1.2)。扶養親族等控除額 38/48/63万は施行令6条の8の2ほか"
        " (公開実装の記載)。切替年度 (令和3年7月) は UNCONFIRMED。",
    ),
]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("cases", "ScreeningRuleSet")
    for year, params, source in ROWS:
        RuleSet.objects.update_or_create(valid_from_year=year, defaults={"params": params, "source": source})


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_screening_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
