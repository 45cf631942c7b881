"""The columns of one kind of extract (Spec) and the checks of its header line: a repeated, unknown or
missing column (cases/registry/imports/validation.py checks the values)."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.registry.imports.columns import Column
from cases.registry.imports.errors import RowError, message


@dataclass(frozen=True)
class Spec:
    """The columns of one kind of extract, in the order their values are stored."""

    kind: str
    title: str
    columns: tuple[Column, ...]
    # Converted in every row, settled or not: the checks across rows (duplicates) read them.
    key_fields: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def sort_errors(self, errors: list[RowError]) -> list[RowError]:
        """By line, then in the order the columns are documented; whole-row problems first."""
        order = {name: index for index, name in enumerate(self.names)}
        return sorted(errors, key=lambda error: (error.line, order.get(error.column, -1)))

    def header_errors(self, header: Sequence[str]) -> list[RowError]:
        errors: list[RowError] = []
        known = set(self.names)
        seen: set[str] = set()
        for name in header:
            if name in seen:
                errors.append(RowError(1, name, message(gettext_noop("同じ名前の列が2つ以上あります"))))
            elif name not in known:
                label = name or _("(空欄)")
                errors.append(
                    RowError(
                        1,
                        label,
                        message(
                            gettext_noop("不明な列です (%(title)sの列名ではありません)"),
                            title=message(self.title),
                        ),
                    )
                )
            seen.add(name)
        for column in self.columns:
            if column.name not in seen and not column.header_optional:
                errors.append(RowError(1, column.name, message(gettext_noop("必須の列がありません"))))
        return errors
