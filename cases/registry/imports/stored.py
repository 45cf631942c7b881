"""What an import compares a file with: the stored rows' line digests, read whole, and their row
digests, read only for the keys the file's other lines name.

A weekly extract settles most of its lines by their digest (lines.py); the row digests of those rows
are never needed, so reading them for the whole table (a 64-character digest a row) was most of the
time spent before any line was checked. ``Stored.digests_for`` reads them once the keys are known,
in one statement on PostgreSQL (the keys as arrays) and in IN lists elsewhere.
"""

from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import Model, Q

IN_CHUNK = 500  # keys per IN list off PostgreSQL: within every database's limit on parameters and terms


class Stored:
    """The stored rows of one kind: ``known`` (line digest → key), ``count`` and, as they are read,
    ``digests`` (key → row digest). A key is a value, or a tuple for several key fields."""

    def __init__(self, model: type[Model], key_fields: tuple[str, ...]):
        self.model, self.key_fields = model, key_fields
        table = connection.ops.quote_name(model._meta.db_table)
        keys = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in key_fields)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT line_digest, {keys} FROM {table}")
            rows = cursor.fetchall()
        self.count = len(rows)
        if len(key_fields) == 1:
            self.known = {row[0]: row[1] for row in rows if row[0]}
        else:
            self.known = {row[0]: row[1:] for row in rows if row[0]}
        self.digests: dict[Any, str] = {}
        self._asked: set = set()

    def digests_for(self, keys: Iterable) -> dict[Any, str]:
        """The row digests of ``keys`` (added to ``digests``, which is returned); keys asked before
        are not read again, and keys not on file are simply absent."""
        wanted = [key for key in dict.fromkeys(keys) if key not in self._asked]
        if wanted and self.count:
            self._asked.update(wanted)
            self.digests.update(_read(self.model, self.key_fields, wanted))
        return self.digests


def _read(model: type[Model], key_fields: tuple[str, ...], keys: list) -> dict[Any, str]:
    if connection.vendor == "postgresql":
        ops = connection.ops
        table = ops.quote_name(model._meta.db_table)
        fields = [model._meta.get_field(name) for name in key_fields]
        columns = [ops.quote_name(field.column) for field in fields]
        if len(fields) == 1:
            where, params = f"{columns[0]} = ANY(%s)", [keys]
        else:
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            where = f"({', '.join(columns)}) IN (SELECT * FROM unnest({arrays}))"
            params = [list(values) for values in zip(*keys, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(columns)}, row_digest FROM {table} WHERE {where}", params)
            return {_key(row[:-1]): row[-1] for row in cursor.fetchall()}
    found: dict[Any, str] = {}
    for start in range(0, len(keys), IN_CHUNK):
        chunk = keys[start : start + IN_CHUNK]
        if len(key_fields) == 1:
            rows = model.objects.filter(**{f"{key_fields[0]}__in": chunk})
        else:
            rows = model.objects.filter(
                reduce(or_, (Q(**dict(zip(key_fields, key, strict=True))) for key in chunk))
            )
        found.update((_key(row[:-1]), row[-1]) for row in rows.values_list(*key_fields, "row_digest"))
    return found


def _key(values: tuple) -> Any:
    return values[0] if len(values) == 1 else tuple(values)
