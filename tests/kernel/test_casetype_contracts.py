"""Every case type's package is in the import-linter contract that keeps the types independent of each
other. lint-imports checks only the parts it is told about: a type left out of the layer may import
another type's modules and `lint-imports` still says KEPT (found adding a case type from
docs/architecture.md, 2026-12-06)."""

import tomllib
from pathlib import Path

import cases

ROOT = Path(cases.__file__).parent.parent


def _type_packages() -> set[str]:
    """The parts of cases/ that register a case type (their `casetype` module, cases/apps.py)."""
    parts = Path(cases.__file__).parent
    return {part.name for part in parts.iterdir() if (part / "casetype.py").exists()}


def _independent_layer() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for contract in config["tool"]["importlinter"]["contracts"]:
        if contract.get("containers") == ["cases"]:
            for layer in contract["layers"]:
                if "|" in layer:  # the case types: one layer of parts that may not import each other
                    return {name.strip() for name in layer.split("|")}
    raise AssertionError("pyproject.toml has no layer of independent case types inside cases/")


def test_every_case_type_package_is_in_the_independence_contract():
    missing = sorted(_type_packages() - _independent_layer())
    assert not missing, (
        f"add {missing} to the case types' layer of the cases/ contract in pyproject.toml "
        "(docs/architecture.md, adding a case type, step 7)"
    )
