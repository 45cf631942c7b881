import importlib

import pytest

from cases.exemption.screening.models import ScreeningRuleSet
from cases.exemption.screening.rules import Params
from cases.reference import RULE_SETS_MIGRATION

# The rule sets ship as a data migration; tests read the very same figures.
_SEED = importlib.import_module(RULE_SETS_MIGRATION)
CURRENT_MAPPING: dict[str, object] = dict(_SEED.CURRENT)
CURRENT = Params.from_mapping(CURRENT_MAPPING, valid_from_year=2021)
FROM_2026 = Params.from_mapping(_SEED.FROM_2026, valid_from_year=2026)
LEGACY = Params.from_mapping(_SEED.LEGACY, valid_from_year=2014)


@pytest.fixture
def screening_rules(db) -> None:
    # transaction=True tests elsewhere flush the migration data; put the rows back.
    for year, params, source in _SEED.ROWS:
        ScreeningRuleSet.objects.update_or_create(
            valid_from_year=year, defaults={"params": params, "source": source}
        )
