import datetime as dt

import pytest

from cases.disability.params import Params
from cases.reference import _migration


def rule_params(**changes) -> Params:
    """The shipped reference row (the data migration's), with `changes` applied."""
    valid_from, mapping, _source = _migration("_disability_claims").RULE_ROWS[0]
    return Params.from_mapping({**mapping, **changes}, valid_from=dt.date.fromisoformat(valid_from))


@pytest.fixture
def params() -> Params:
    return rule_params()
