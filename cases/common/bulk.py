"""Set-based writes (results import, seal): COPY for new rows, UPDATE … FROM unnest for changed ones.

Rows are plain tuples of column values (foreign keys as ids). Django's bulk_create and bulk_update
would need a model instance per row and build statements whose compilation alone takes longer, at
10,000 lines, than the database takes to run them.
"""

from collections.abc import Sequence

from django.db import connection
from django.db.models import Model
from psycopg.types.json import Jsonb


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _column(model: type[Model], name: str) -> str:
    return _q(model._meta.get_field(name).column)


def rows_insert(model: type[Model], fields: Sequence[str], rows: list[tuple]) -> list[int]:
    """Inserts `rows` (values in `fields` order, no primary key) and returns their new ids in order."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        return [obj.pk for obj in model.objects.bulk_create(objects, batch_size=1000)]
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(rows)],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
        columns = ", ".join([_q(meta.pk.column), *(_column(model, name) for name in fields)])
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {_q(meta.db_table)} ({columns}) FROM STDIN") as copy,
        ):
            write = copy.write_row
            for pk, row in zip(ids, rows, strict=True):
                # A dict or list is a JSON column's value (e.g. a stored text's parameters).
                write((pk, *(Jsonb(v) if isinstance(v, dict | list) else v for v in row)))
    return ids


def rows_update(model: type[Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """Sets `fields` per row; each row is (pk, *values in `fields` order). One statement."""
    if not rows:
        return
    meta = model._meta
    if connection.vendor != "postgresql":
        for pk, *values in rows:
            model.objects.filter(pk=pk).update(**dict(zip(fields, values, strict=True)))
        return
    columns = [meta.pk, *(meta.get_field(name) for name in fields)]
    assignments = ", ".join(f"{_q(c.column)} = v.{_q(c.column)}" for c in columns[1:])
    arrays = ", ".join(f"%s::{c.db_type(connection)}[]" for c in columns)
    names = ", ".join(_q(c.column) for c in columns)
    sql = (
        f"UPDATE {_q(meta.db_table)} AS t SET {assignments} FROM unnest({arrays}) AS v({names}) "
        f"WHERE t.{_q(meta.pk.column)} = v.{_q(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(values) for values in zip(*rows, strict=True)])
