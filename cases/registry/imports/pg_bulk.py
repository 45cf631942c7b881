"""Dropping a table's secondary indexes and keys for a load that at least doubles it, and putting
them back once the rows are in (the first import; pg_apply.py)."""

import logging
import time
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Model
from django.db.utils import DatabaseError

from cases.registry.imports.pg import quote

logger = logging.getLogger(__name__)


class BulkLoad:
    """For a load that at least doubles some tables: their secondary indexes, unique constraints
    and own foreign keys are dropped, and put back once the rows are in (PostgreSQL manual, 14.4
    "Populating a Database"). A sorted index build is several times cheaper than 300,000 random
    insertions, and one validating join replaces 300,000 foreign-key checks of a row each. Only
    the primary key stays. Putting a unique constraint back checks every row, so a duplicate that
    got past the validation still fails the import (the loaders check for them beforehand); a
    unique constraint another table's foreign key depends on cannot be dropped, and then nothing is.

    ``dropped`` says whether that happened, i.e. whether this transaction holds the tables
    exclusively (until it ends). It is only tried when the tables are free within 3 seconds.
    """

    def __init__(self, cursor, models: Sequence[type[Model]], *, enabled: bool):
        self.cursor = cursor
        self.indexes: dict[str, list[str]] = {}
        self.constraints: dict[str, list[tuple[str, str]]] = {}
        self.dropped = False
        if enabled:
            self._drop([model._meta.db_table for model in models])

    def _drop(self, tables: list[str]) -> None:
        cursor = self.cursor
        try:
            with transaction.atomic():
                cursor.execute("SET LOCAL lock_timeout = '3s'")
                cursor.execute(f"LOCK TABLE {', '.join(map(quote, tables))} IN ACCESS EXCLUSIVE MODE")
                cursor.execute(
                    "SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, "
                    "pg_get_indexdef(i.indexrelid) FROM pg_index i "
                    "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
                    "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                    "ORDER BY 2",
                    [tables],
                )
                indexes = cursor.fetchall()
                cursor.execute(
                    "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                    "FROM pg_constraint c WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('u', 'f') "
                    "ORDER BY c.contype DESC, 2",
                    [tables],
                )
                constraints = cursor.fetchall()
                for _table_name, name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
                for table_name, name, _definition in constraints:
                    cursor.execute(f"ALTER TABLE {table_name} DROP CONSTRAINT {quote(name)}")
                cursor.execute("SET LOCAL lock_timeout = DEFAULT")
        except DatabaseError:
            logger.info(
                "import: indexes and keys left in place (the tables are busy, or another table depends on them)"
            )
            return
        self.dropped = True
        for table_name, _name, definition in indexes:
            self.indexes.setdefault(table_name, []).append(definition)
        # Unique constraints ('u') sort before foreign keys ('f'), and are put back first.
        for table_name, name, definition in constraints:
            self.constraints.setdefault(table_name, []).append((name, definition))

    def restore(self, model: type[Model]) -> None:
        """Puts back what was dropped on ``model``'s table: call it once its rows are in."""
        table = model._meta.db_table
        indexes = self.indexes.pop(table, [])
        constraints = self.constraints.pop(table, [])
        if not indexes and not constraints:
            return
        started = time.perf_counter()
        cursor = self.cursor
        # CREATE INDEX and ALTER TABLE refuse a table with deferred checks pending: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for definition in indexes:
            cursor.execute(definition)
        for name, definition in constraints:
            # Adding a key checks every row in one join (or one sort for UNIQUE); a broken
            # reference or a duplicate fails the import.
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        logger.debug(
            "import step restore %s (%d indexes, %d constraints): %.2f s",
            table,
            len(indexes),
            len(constraints),
            time.perf_counter() - started,
        )
