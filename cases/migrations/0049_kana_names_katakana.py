"""カナ氏名 saved in hiragana before the forms, the imports and the services stored katakana (たかはし typed
at the counter was printed as フリガナ たかはし): turned into katakana in every model field holding a カナ name.
Only hiragana letters change (ゔ → ヴ, ゝ ゞ → ヽ ヾ); half-width kana, spaces and every other character stay,
and the search names (kana_search) already folded hiragana, so they do not change. Reversing does nothing:
the hiragana spelling was never a different name."""

from django.db import migrations

# A frozen copy of cases.common.identifiers.kana.katakana: a migration must do the same on every later
# checkout, whatever the function becomes.
HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in (*range(0x3041, 0x3097), 0x309D, 0x309E)}
# A PostgreSQL (and Python) regular expression: any character the step changes.
HIRAGANA = "[\u3041-\u3096\u309d\u309e]"
FIELDS = (
    ("Resident", "kana_name"),
    ("ExemptionApplication", "declared_kana_name"),
    ("QualificationListRow", "kana_name"),
)


def names_katakana(apps, schema_editor):
    for model_name, field in FIELDS:
        model = apps.get_model("cases", model_name)
        rows = list(model.objects.filter(**{f"{field}__regex": HIRAGANA}).only("pk", field))
        for row in rows:
            setattr(row, field, getattr(row, field).translate(HIRAGANA_TO_KATAKANA))
        model.objects.bulk_update(rows, [field], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("cases", "0048_case_sent_kana_name")]

    operations = [migrations.RunPython(names_katakana, migrations.RunPython.noop)]
