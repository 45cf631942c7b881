"""Resident.kanji_search again for names holding what the search now folds: variation selectors
(葛󠄀城: U+FE00–FE0F, U+E0100–E01EF) and 𠮷 / 𡈽 (read as 吉 / 土). The import recomputes a row only
when the row changes, so rows on file would keep the old value until then."""

from django.db import migrations

from cases.common.identifiers.kana import normalize_kanji

# A PostgreSQL regular expression: any of the characters the fold newly changes.
NEWLY_FOLDED = "[\ufe00-\ufe0f\U000e0100-\U000e01ef\U00020bb7\U0002123d]"


def recompute(apps, schema_editor):
    resident = apps.get_model("cases", "Resident")
    changed = []
    for row in resident.objects.filter(kanji_name__regex=NEWLY_FOLDED).only("pk", "kanji_name", "kanji_search"):
        folded = normalize_kanji(row.kanji_name)
        if folded != row.kanji_search:
            row.kanji_search = folded
            changed.append(row)
    resident.objects.bulk_update(changed, ["kanji_search"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("cases", "0046_case_sent_spelling")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
