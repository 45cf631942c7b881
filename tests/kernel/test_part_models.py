"""A case type's models load with the app's without a line in a shared file: cases/models/__init__.py
imports every part's `models` module it finds (docs/architecture.md, adding a case type)."""

import sys
from pathlib import Path

import cases
import cases.models
from cases.apps import import_plugins

CASES_DIR = Path(cases.__file__).parent


def test_every_part_with_models_was_loaded_by_the_models_module():
    on_disk = sorted(
        f"cases.{part.name}.models"
        for part in CASES_DIR.iterdir()
        if (part / "__init__.py").exists()
        and ((part / "models.py").exists() or (part / "models" / "__init__.py").exists())
    )
    assert on_disk and on_disk == cases.models.PART_MODELS


def test_a_new_parts_models_module_is_found_without_being_named(tmp_path, monkeypatch):
    part = tmp_path / "probe_part"
    part.mkdir()
    (part / "__init__.py").write_text("")
    # Not a model (a model registered here would stay in the app registry for the rest of the run).
    (part / "models.py").write_text("LOADED = True\n")
    monkeypatch.setattr(cases, "__path__", [*cases.__path__, str(tmp_path)])
    try:
        found = import_plugins(cases, names=("models",))
        assert "cases.probe_part.models" in found
        assert sys.modules["cases.probe_part.models"].LOADED is True
    finally:
        for name in ("cases.probe_part.models", "cases.probe_part"):
            sys.modules.pop(name, None)
