"""The 第1号 qualification rules (rules-disability-qualification.md §3, §4) as pure functions: no database,
dates in, dates out. Cut-offs and the DOUBT choices come in `Params` (the versioned reference data,
cases/qualification/params.py). Every rule names its article; `manage.py pension_rules` calls these.

The city receives, checks and forwards; 日本年金機構 decides. Every result here is a pre-check.

Reasons and notes are Japanese message ids (gettext_noop): `pension_rules` answers with them as they are,
screens word them in their language (cases/qualification/compute_base.py `worded`).
"""

from cases.qualification.rules.common import (
    ACQUIRE,
    CATEGORY1,
    CATEGORY2,
    CATEGORY3,
    CHANGE,
    DAY14_POLICIES,
    EVENTS,
    EXEMPTIONS,
    INSURED_KINDS,
    LATE,
    LOSE,
    NO_CHANGE,
    NONE,
    ON_TIME,
    SPECIAL_ELDERLY,
    SPECIAL_ELDERLY_BAND_DOUBT,
    SPECIAL_ELDERLY_DOUBT,
    UNDECIDED,
    VOLUNTARY,
    Params,
    special_elderly_band,
)
from cases.qualification.rules.dated import ENTITLED, NOT_CATEGORY1, NOT_OF_AGE, NOT_RESIDENT, Dated
from cases.qualification.rules.membership import (
    CATEGORY3_LOSS_NOTE,
    DEATH_CATEGORY2_NOTE,
    DEATH_CATEGORY3_NOTE,
    qualification_dates,
)
from cases.qualification.rules.residence import IMMIGRATION_LOSS_NOTE, SPECIAL_IMMIGRATION_NOTE

__all__ = [
    "ACQUIRE",
    "CATEGORY1",
    "CATEGORY2",
    "CATEGORY3",
    "CATEGORY3_LOSS_NOTE",
    "CHANGE",
    "DAY14_POLICIES",
    "DEATH_CATEGORY2_NOTE",
    "DEATH_CATEGORY3_NOTE",
    "ENTITLED",
    "EVENTS",
    "EXEMPTIONS",
    "IMMIGRATION_LOSS_NOTE",
    "INSURED_KINDS",
    "LATE",
    "LOSE",
    "NONE",
    "NOT_CATEGORY1",
    "NOT_OF_AGE",
    "NOT_RESIDENT",
    "NO_CHANGE",
    "ON_TIME",
    "SPECIAL_ELDERLY",
    "SPECIAL_ELDERLY_BAND_DOUBT",
    "SPECIAL_ELDERLY_DOUBT",
    "SPECIAL_IMMIGRATION_NOTE",
    "UNDECIDED",
    "VOLUNTARY",
    "Dated",
    "Params",
    "qualification_dates",
    "special_elderly_band",
]
