"""Every field the product keeps about a person is set against the PIA's 別添1 (cases/security/pia_items.py):
a field or model added without saying which item it is fails here, and the document the city uses to
amend its 評価書 is the list's own output."""

from pathlib import Path

from django.apps import apps

from cases.security.pia_items import OTHER, PERSON, added_items, pia_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "security" / "pia-records.md"


def _fields(model_name: str) -> list[str]:
    model = apps.get_model("cases", model_name)
    return [field.name for field in model._meta.concrete_fields if not field.primary_key]


def test_every_model_of_the_app_is_named_once():
    models = {model.__name__ for model in apps.get_app_config("cases").get_models()}
    assert not set(PERSON) & set(OTHER)
    assert models == set(PERSON) | set(OTHER), (
        f"not set against 別添1: {sorted(models - set(PERSON) - set(OTHER))}; "
        f"gone: {sorted((set(PERSON) | set(OTHER)) - models)}"
    )


def test_every_field_of_a_persons_record_is_in_exactly_one_group():
    for model_name, items in PERSON.items():
        grouped = items.fields()
        doubled = {name for name in grouped if grouped.count(name) > 1}
        assert not doubled, f"{model_name}: in two groups: {sorted(doubled)}"
        actual = set(_fields(model_name))
        assert set(grouped) == actual, (
            f"{model_name}: not grouped: {sorted(actual - set(grouped))}; no such field: "
            f"{sorted(set(grouped) - actual)}"
        )


def test_the_items_outside_betten1_each_give_a_reason_with_its_basis():
    added = added_items()
    assert ("DisabilityClaim", "conditions") in {(model, name) for model, name, _item, _why in added}
    assert ("IncomeRecord", "dependants_under16") in {(model, name) for model, name, _item, _why in added}
    for model, name, item, reason in added:
        assert item and reason, (model, name)
        assert any(mark in reason for mark in ("条", "評価書", "II-3")), (model, name, reason)


def test_the_document_is_the_lists_output():
    assert DOC.read_text(encoding="utf-8") == pia_markdown(), (
        "docs/security/pia-records.md is out of date: python manage.py pia_items > docs/security/pia-records.md"
    )
