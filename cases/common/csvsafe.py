"""CSV the application writes, safe to open in a spreadsheet.

A cell that starts with ``= + - @``, a tab or a carriage return is read by Excel and LibreOffice as a
formula (CSV injection: ``=HYPERLINK(...)`` in a login ID or a purpose would be live in the auditor's
report). Such a cell is written with a leading apostrophe, which the spreadsheet shows as text and
drops. Every CSV writer of the project goes through :func:`csv_writer` (tests/security/test_i11_csv.py
walks them all and checks that no other ``csv.writer`` exists).
"""

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """The value as written: text that a spreadsheet would evaluate gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """``csv.writer`` with every text cell passed through :func:`csv_cell`."""

    def __init__(self, out, **kwargs) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeWriter:
    return SafeWriter(out, **kwargs)
