"""第1号 qualification filings (資格取得・喪失・種別変更, 任意加入, 特例高齢任意加入, 付加年金, 死亡), the lists
機構 sends that start them in bulk (勧奨), and the reference data their rules read
(rules-disability-qualification.md §3).

Re-exported here so that `from cases.qualification.models import …` and the app's model loading keep working."""

from cases.qualification.models.filings import (
    DeadlineStatus,
    Event,
    FilingKind,
    PaymentMethod,
    QualificationFiling,
    QualificationRuleSet,
    Route,
)
from cases.qualification.models.lists import QualificationList, QualificationListRow

__all__ = [
    "DeadlineStatus",
    "Event",
    "FilingKind",
    "PaymentMethod",
    "QualificationFiling",
    "QualificationList",
    "QualificationListRow",
    "QualificationRuleSet",
    "Route",
]
