"""The 住基 and 所得 tables leave a tenth of each page free (migration 0023): a weekly extract's moves,
deaths and 更正 change no indexed column, so the new row version can stay on its page with no new index
entry (a HOT update) — which it cannot on a page the first import's COPY filled to the brim."""

import pytest
from django.db import connection

from .factories import import_residents, resident, write_csv

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="page layout is PostgreSQL's"),
]


def _fillfactor(table: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        options = cursor.fetchone()[0] or []
    return next((o.split("=", 1)[1] for o in options if o.startswith("fillfactor=")), None)


def _page_of(atena_no: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (ctid::text::point)[0]::int FROM cases_resident WHERE atena_no = %s", [atena_no]
        )
        return cursor.fetchone()[0]


def test_both_import_tables_leave_room_on_their_pages():
    assert _fillfactor("cases_resident") == "90"
    assert _fillfactor("cases_incomerecord") == "90"


def test_a_move_in_the_weekly_extract_stays_on_its_page(tmp_path):
    rows = [resident(n) for n in range(1, 401)]
    import_residents(write_csv(tmp_path, rows, name="first.csv"))
    # A row from the middle of the file: its page is a new one the COPY filled as far as the table
    # allows (the first rows may share a page with earlier tests' rolled-back rows, whose space an
    # update can reclaim whatever the fill factor).
    moved = rows[200]["宛名番号"]
    page = _page_of(moved)

    rows[200] = {**rows[200], "現住所": "北海道旭川市永山3条5丁目", "前住所": rows[200]["現住所"]}
    batch, errors = import_residents(write_csv(tmp_path, rows, name="moved.csv"))
    assert errors == [] and batch.updated == 1

    assert _page_of(moved) == page
