"""Whole numbers taken from a query string or a POST by hand (ids, years).

``str.isdigit`` is not enough: it is true for 「²」 and 「٣」, which ``int`` refuses or reads as digits,
and ``int`` of a page of digits fails. Anything that is not a plain number in range reads as absent.
"""

ID_MAX = 2**63 - 1  # a PostgreSQL bigint, the type of every primary key here


def int_param(value: str | None, *, minimum: int = 1, maximum: int = ID_MAX) -> int | None:
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None
