"""Fixtures of the fuzz tests; the checks themselves are in checks.py, the inputs in strategies.py."""

import pytest

from cases.exemption.screening.models import ScreeningRuleSet
from tests.screening.conftest import _SEED


@pytest.fixture
def screening_rules(db) -> None:
    # The rule sets ship as a data migration, which a transactional test elsewhere may have flushed.
    for year, params, source in _SEED.ROWS:
        ScreeningRuleSet.objects.update_or_create(
            valid_from_year=year, defaults={"params": params, "source": source}
        )


@pytest.fixture(autouse=True)
def fuzz_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
