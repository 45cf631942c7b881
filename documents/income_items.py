"""Every item of an IncomeRecord, labelled as the 住民税 record labels it, for the 所得情報 attachment.

Driven by the model's fields, so an item added to 所得情報 (as ひとり親控除 and 特定親族特別控除 were in
2025) reaches the printed attachment without touching this module.
"""

from django.db import models

from cases.registry.models.income import IncomeRecord

# Shown elsewhere on the attachment (the person and year head each block) or not part of the record.
_SKIPPED = {"id", "created_at", "updated_at", "row_digest", "line_digest", "personal_code", "tax_year"}


def _item_type(field: models.Field) -> str:
    if field.choices:
        return "text"
    if isinstance(field, models.BooleanField):
        return "flag"
    if isinstance(field, models.DateField):
        return "date"
    if isinstance(field, models.PositiveSmallIntegerField):
        return "count"
    if isinstance(field, models.BigIntegerField):
        return "yen"
    return "text"


INCOME_ITEM_FIELDS: list[models.Field] = [
    field for field in IncomeRecord._meta.concrete_fields if field.name not in _SKIPPED
]


def income_items(values: dict) -> list[dict]:
    """[{name, label, type, value}] in the record's field order; choice codes become their labels."""
    items = []
    for field in INCOME_ITEM_FIELDS:
        value = values.get(field.name, field.get_default())
        if field.choices:
            value = str(dict(field.flatchoices).get(value, value))
        items.append(
            {"name": field.name, "label": str(field.verbose_name), "type": _item_type(field), "value": value}
        )
    return items
