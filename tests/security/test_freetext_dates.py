"""Dates in free text are not digit groups of a 個人番号 (the counter walk, finding 8): 「前回申請 2025.07.01
2026.06.30 全額免除承認済」 was refused, its digits 4+2+2+4 adding up to 12 across the space."""

import pytest
from django.core.exceptions import ValidationError

from cases.common.freetext import FreeTextField, contains_mynumber_like, redact_mynumber_like

DATES = [
    "前回申請 2025.07.01 2026.06.30 全額免除承認済",
    "前回申請 2025-07-01 2026-06-30 全額免除承認済",
    "前回申請 2025/07/01 2026/06/30 全額免除承認済",
    "期間 2025.07.01-2026.06.30",
    "前回 令和7.07.01 2026.06.30 承認",  # 07+01+2026+06+30 made 12
    "前回 令和7.07.01〜R8.06.30 承認",
    "前回 平成31.04.30 2019.05.01 承認",
    "前回申請 ２０２５．０７．０１　２０２６．０６．３０ 承認済",
]
NUMBERS = [
    "番号 1234 5678 9012",
    "番号 1234-5678-9012",
    "番号 1234.5678.9012",
    "番号 2025.0701.2026",  # not a date: a 4-digit group where the month would be
    "番号 2025-07-01-2026",  # a date-looking start continued by the same separator: 12 digits
    "番号 2025.13.01 2026",  # no 13th month
    "前回 2025.07.01 番号 1234 5678 9012",
]


@pytest.mark.parametrize("text", DATES)
def test_dates_are_not_digit_groups_of_a_number(text):
    assert not contains_mynumber_like(text)
    assert FreeTextField().clean(text)


@pytest.mark.parametrize("text", NUMBERS)
def test_a_real_12_digit_number_is_still_caught(text):
    assert contains_mynumber_like(text)
    with pytest.raises(ValidationError):
        FreeTextField().clean(text)


def test_redaction_keeps_the_dates_and_hides_the_number():
    text = "前回 2025.07.01 2026.06.30 番号 1234 5678 9012"
    assert redact_mynumber_like(text) == "前回 2025.07.01 2026.06.30 番号 [個人番号?]"
