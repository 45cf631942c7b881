"""The check across rows of an extract: a key (基礎年金番号, 宛名番号 …) given on more than one line."""

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext_noop

from cases.registry.imports.errors import RowError, message, shown


def duplicate_errors(
    keys: Sequence[Any], lines: Sequence[int], column: str, worded: Callable[[Any, int], str] | None = None
) -> list[RowError]:
    """Every repeat of a key, pointing back at the line that had it first. Blank keys are skipped."""
    present = [key for key in keys if key]
    if len(set(present)) == len(present):
        return []
    first: dict[Any, int] = {}
    errors: list[RowError] = []
    for key, line in zip(keys, lines, strict=True):
        if not key:
            continue
        seen = first.setdefault(key, line)
        if seen != line:
            text = (
                worded(key, seen)
                if worded
                else message(
                    gettext_noop("%(key)sは%(first)d行目と重複しています"), key=shown(str(key)), first=seen
                )
            )
            errors.append(RowError(line, column, text))
    return errors
