"""What the benchmarks share: their own database, Django set-up, the result table, their docs section."""

import json
import math
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def database_prepare(url: str, *, recreate: bool) -> bool:
    """Creates the database when missing (or drops it first when `recreate`). True when it is new."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if recreate:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return not exists


def django_setup(url: str, *, migrate: bool = True) -> None:
    """The test settings (DEBUG off, PostgreSQL) pointed at the bench database, then `migrate`."""
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django
    from django.conf import settings

    django.setup()
    settings.DEBUG = False
    settings.SHAPED_SQL_CHECK = False  # the tests' cross-check of compiled lists, not what production runs
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def autovacuum_stand_in(url: str | None = None) -> bool:
    """VACUUM ANALYZE, when this PostgreSQL runs without autovacuum (the CI machines' conf.d turns it off):
    what autovacuum would have done after a bulk load or a week's work, so the planner sees the tables as
    they are (without statistics it kept the task table's first estimates and scanned it whole). False,
    doing nothing, when autovacuum is on. Through Django's connection, or `url`'s when Django is not set up."""
    if url is None:
        from django.db import connection

        with connection.cursor() as cursor:
            return _vacuum_unless_autovacuum(cursor)
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cursor:
        return _vacuum_unless_autovacuum(cursor)


def _vacuum_unless_autovacuum(cursor) -> bool:
    cursor.execute("SHOW autovacuum")
    if cursor.fetchone()[0] == "on":
        return False
    cursor.execute("VACUUM (ANALYZE)")
    return True


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p95 of 200 samples is the 190th smallest)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def value_range(values: list[int]) -> str:
    """ "7" when every run gave the same count, "7-8" when they differed."""
    return str(values[0]) if len(set(values)) == 1 else f"{min(values)}-{max(values)}"


def table_print(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def docs_section_write(section: str, text: str) -> None:
    """Replaces only ``section`` (a "## " heading) of docs/benchmarks.md; other benchmarks own the others."""
    doc = ROOT / "docs" / "benchmarks.md"
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    lines = current.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == section), None)
    if start is None:
        body = current.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        tail = ["", *lines[end:]] if end < len(lines) else []
        body = "\n".join([*lines[:start], *text.rstrip("\n").splitlines(), *tail]).rstrip("\n") + "\n"
    doc.write_text(body, encoding="utf-8")


def machine_line() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return f"nproc={os.cpu_count()}, PostgreSQL {version}, Python {sys.version.split()[0]}"


# Synthetic people. Plain values only: COPY's text format is written by hand below.
FAMILY = [
    ("サトウ", "佐藤"),
    ("スズキ", "鈴木"),
    ("タカハシ", "髙橋"),
    ("タナカ", "田中"),
    ("イトウ", "伊藤"),
    ("ワタナベ", "渡邊"),
    ("ヤマモト", "山本"),
    ("ナカムラ", "中村"),
    ("コバヤシ", "小林"),
    ("カトウ", "加藤"),
    ("ヨシダ", "吉田"),
    ("ヤマダ", "山田"),
    ("ササキ", "佐々木"),
    ("ヤマグチ", "山口"),
    ("マツモト", "松本"),
    ("イノウエ", "井上"),
    ("キムラ", "木村"),
    ("ハヤシ", "林"),
    ("サイトウ", "齋藤"),
    ("シミズ", "清水"),
]
GIVEN_MALE = [
    ("ヒロシ", "博"),
    ("タケシ", "武"),
    ("アキラ", "明"),
    ("マコト", "誠"),
    ("ショウタ", "翔太"),
    ("ユウキ", "悠希"),
    ("ダイスケ", "大輔"),
    ("ケンジ", "健二"),
    ("タクヤ", "拓也"),
    ("ハルト", "陽翔"),
]
GIVEN_FEMALE = [
    ("ヨウコ", "洋子"),
    ("ケイコ", "恵子"),
    ("ユミコ", "由美子"),
    ("サチコ", "幸子"),
    ("アキコ", "明子"),
    ("ミサキ", "美咲"),
    ("アオイ", "葵"),
    ("ユイ", "結衣"),
    ("サクラ", "さくら"),
    ("メグミ", "恵"),
]
AREAS = [
    "神居",
    "永山",
    "東旭川",
    "神楽",
    "西神楽",
    "東鷹栖",
    "江丹別",
    "末広",
    "春光",
    "豊岡",
    "旭町",
    "緑が丘",
]

RESIDENT_COLUMNS = [
    "id", "created_at", "updated_at", "atena_no", "kana_name", "kanji_name", "kana_search", "kanji_search",
    "birth_date", "sex", "household_no", "is_householder", "relationship", "address", "previous_address",
    "address_before_move_in", "address_after_move_out", "resided_on", "change_reason", "nationality",
    "row_digest",
]  # fmt: skip
PENSION_COLUMNS = ["id", "created_at", "updated_at", "resident_id", "basic_pension_no", "phone", "old_pension_no", "special_notes"]  # fmt: skip

_search_names: dict[tuple[str, str], tuple[str, str]] = {}


def _searchable(kana: str, kanji: str) -> tuple[str, str]:
    if (kana, kanji) not in _search_names:
        from cases.common.identifiers.kana import normalize_kana, normalize_kanji

        _search_names[kana, kanji] = (normalize_kana(kana), normalize_kanji(kanji))
    return _search_names[kana, kanji]


def resident_row(resident_id: int, rng, now, *, household: int, relationship: str, sex: str, born) -> tuple:
    family_kana, family_kanji = FAMILY[household % len(FAMILY)]
    given_kana, given_kanji = rng.choice(GIVEN_MALE if sex == "1" else GIVEN_FEMALE)
    kana, kanji = f"{family_kana} {given_kana}", f"{family_kanji}　{given_kanji}"
    kana_search, kanji_search = _searchable(kana, kanji)
    address = f"北海道旭川市{AREAS[household % len(AREAS)]}{household % 9 + 1}条{household % 20 + 1}丁目{household % 30 + 1}番"
    return (
        resident_id, now, now, f"{100_000_000 + resident_id}", kana, kanji, kana_search, kanji_search, born, sex,
        f"{500_000_000 + household}", relationship == "世帯主", relationship, address, "", "", "",
        born, "", "日本", "",
    )  # fmt: skip


def pension_row(resident_id: int, now) -> tuple:
    return (resident_id, now, now, resident_id, f"{4_000_000_000 + resident_id}", "", "", "")


def as_json(value) -> str | None:
    """JSON columns go to COPY as text; everything else psycopg writes itself."""
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def copy_rows(table: str, columns: list[str], rows) -> int:
    """COPY rows into `table` over Django's own connection (same transaction)."""
    from django.db import connection

    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def sequences_reset(*tables: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT max(id) FROM {table}), 1))"
            )


class indexes_deferred:
    """Drops the secondary indexes of `tables` for a bulk COPY and builds them again afterwards
    (one sort per index instead of a B-tree insertion per row). Constraint indexes stay."""

    def __init__(self, *tables: str) -> None:
        self.tables = tables
        self.definitions: list[tuple[str, str]] = []

    def __enter__(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = 'public' AND i.tablename = ANY(%s) AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [list(self.tables)],
            )
            self.definitions = cursor.fetchall()
            for name, _definition in self.definitions:
                cursor.execute(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc) -> None:
        from django.db import connection

        if exc[0] is None:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
                for _name, definition in self.definitions:
                    cursor.execute(definition)
