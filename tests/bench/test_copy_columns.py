"""The benches load their volume with COPY and column lists written by hand (bench/benchlib.copy_rows). A NOT
NULL column added to a model later is then missing from the list: the case's data-file spellings
(sent_kana_name, sent_kanji_name, sent_address; cases migration 0046) broke bench_desk.py and
bench_attachment.py, found only when the benches were next run. Every copy_rows call must name each column
its table cannot fill by itself."""

import ast
import importlib
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import NOT_PROVIDED

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))


def _required_columns(table: str) -> set[str]:
    """Columns of `table` that are NOT NULL and have no default in the database (the id has its sequence)."""
    model = next(m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table)
    return {
        field.column
        for field in model._meta.concrete_fields
        if not field.null and not field.primary_key and field.db_default is NOT_PROVIDED
    }


def _copy_calls():
    """(script, line, table, columns) of every copy_rows call whose table is written out."""
    for path in sorted(BENCH.glob("*.py")):
        module = None
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) == "copy_rows"
            ):
                continue
            table, columns = node.args[0], node.args[1]
            if not isinstance(table, ast.Constant):
                continue
            if isinstance(columns, ast.List):
                names = [element.value for element in columns.elts]
            else:  # a module constant (benchlib.RESIDENT_COLUMNS, INCOME_COLUMNS …)
                module = module or importlib.import_module(path.stem)
                owner = module
                if isinstance(columns, ast.Attribute):
                    owner, columns = getattr(module, columns.value.id), columns.attr
                else:
                    columns = columns.id
                names = list(getattr(owner, columns))
            yield path.name, node.lineno, table.value, names


CALLS = list(_copy_calls())


def test_the_benches_copy_rows_are_found():
    scripts = {script for script, *_ in CALLS}
    assert {"bench_desk.py", "bench_attachment.py"} <= scripts, scripts


@pytest.mark.parametrize(("script", "line", "table", "columns"), CALLS, ids=[f"{c[0]}:{c[1]}" for c in CALLS])
def test_a_bench_copy_names_every_column_its_table_needs(script, line, table, columns):
    missing = _required_columns(table) - set(columns)
    assert not missing, f"{script}:{line} COPY {table} lacks NOT NULL columns {sorted(missing)}"
