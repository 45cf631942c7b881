import importlib

import pytest

from cases.exemption.screening.models import ScreeningRuleSet
from cases.exemption.screening.rules import Params

# The rule sets ship as a data migration; tests read the very same figures.
_SEED = importlib.import_module("cases.migrations.0006_screening_rules_data")
CURRENT_MAPPING: dict[str, int] = dict(_SEED.CURRENT)
CURRENT = Params.from_mapping(CURRENT_MAPPING, valid_from_year=2021)
LEGACY = Params.from_mapping(_SEED.LEGACY, valid_from_year=2014)


@pytest.fixture
def screening_rules(db) -> None:
    # transaction=True tests elsewhere flush the migration data; put the rows back.
    for year, params, source in _SEED.ROWS:
        ScreeningRuleSet.objects.update_or_create(
            valid_from_year=year, defaults={"params": params, "source": source}
        )
