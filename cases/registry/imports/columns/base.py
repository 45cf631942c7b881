"""The column of an extract: its header, the field it fills, a quick check of the whole column and the
walk value by value that says which line is wrong and why (the types are in this package's siblings)."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_noop

from cases.registry.imports.errors import RowError, message


class Column:
    """One CSV column: its Japanese header, the model field it fills, and how to check it."""

    # True when a valid value is stored exactly as written (no conversion): a settled row's text
    # then stands for its value (validation.validate_columns).
    as_written = False

    def __init__(self, name: str, field: str, *, required: bool = False, header_optional: bool = False):
        self.name = name
        self.field = field
        self.required = required
        self.header_optional = header_optional

    def convert(self, values: list[str], lines: Sequence[int], errors: list[RowError]) -> list:
        converted = None
        if not self.required or all(values):
            converted = self.fast(values)
        if converted is None:
            converted = [self._one(value, line, errors) for value, line in zip(values, lines, strict=True)]
        return converted

    def fast(self, values: list[str]) -> list | None:
        """The converted column, or None when some value needs a closer look."""
        raise NotImplementedError

    def one(self, value: str) -> tuple[Any, str | None]:
        """(converted value, error message or None) for one non-blank value."""
        raise NotImplementedError

    def blank_value(self) -> Any:
        return ""

    def _one(self, value: str, line: int, errors: list[RowError]) -> Any:
        if not value:
            if self.required:
                errors.append(
                    RowError(line, self.name, message(gettext_noop("値がありません (必須項目です)")))
                )
            return self.blank_value()
        converted, problem = self.one(value)
        if problem:
            errors.append(RowError(line, self.name, problem))
        return converted
