"""Bulk starts from 機構's lists (厚生年金保険 資格喪失者, 20歳到達者 without an enrolment): import → preview
(matched, already filed or 勧奨 started, or unmatched with the reason) → one 勧奨 case per person.

The same file again is the same list (SHA-256); starting again skips every row that has its case and
every person who has an open case of that kind, so nothing is ever started twice.

Split: common.py (the kinds of list, EXPECTED, the dates a row states), matching.py (list_import,
already_reason), starting.py (list_start, reply_by_for, letters_request); re-exported here."""

from cases.qualification.lists.common import (
    EXPECTED,
    PERMISSION,
    REMOVED,
    Expected,
    Kind,
    Letter,
    Status,
    event_date_of,
    listed_date,
)
from cases.qualification.lists.matching import already_reason, list_import
from cases.qualification.lists.starting import Starter, letters_request, list_start, reply_by_for

__all__ = [
    "EXPECTED",
    "PERMISSION",
    "REMOVED",
    "Expected",
    "Kind",
    "Letter",
    "Starter",
    "Status",
    "already_reason",
    "event_date_of",
    "letters_request",
    "list_import",
    "list_start",
    "listed_date",
    "reply_by_for",
]
