"""住民税 所得 extract → IncomeRecord (所得情報), one row per person and 賦課年度 (docs/formats/income.md).

This module reads and checks the file; income_plan.py sorts its rows against the table, and
income_generic.py or pg_apply.py writes them."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import compress

from django.utils.translation import gettext_noop

from cases.common.codes import DisabilityStatus, WidowStatus
from cases.registry.imports.columns import Choice, Date, Integer, Text
from cases.registry.imports.csvio import Table
from cases.registry.imports.errors import ImportRejected, RowError, message
from cases.registry.imports.lines import Sorted, with_settled
from cases.registry.imports.validation import Spec, duplicate_errors, validate_table

YEN_MAX = 999_999_999_999  # 12 digits: more than any 所得 or 控除 a city will hold
COUNT_MAX = 99
FIRST_TAX_YEAR = 1989
LAST_TAX_YEAR = 2099


def _yen(name: str, field: str) -> Integer:
    return Integer(name, field, maximum=YEN_MAX)


def _count(name: str, field: str) -> Integer:
    return Integer(name, field, maximum=COUNT_MAX)


_FLAG = {"0": False, "1": True}

SPEC = Spec(
    kind="income",
    title="住民税所得",
    key_fields=("tax_year",),
    columns=(
        Text("個人コード", "personal_code", max_length=20, digits=True, required=True),
        Integer("賦課年度", "tax_year", minimum=FIRST_TAX_YEAR, maximum=LAST_TAX_YEAR, required=True),
        Text("世帯番号", "household_no", max_length=20, digits=True),
        Date("市民税更正日", "revised_on"),
        Integer("前年所得額", "total_income", maximum=YEN_MAX, required=True),
        Choice("本人障害者", "self_disability", codes={str(v): v for v in DisabilityStatus.values}, blank=0),
        Choice("本人寡婦", "self_widow", codes={str(v): v for v in WidowStatus.values}, blank=0),
        Choice("一般控除対象配偶者", "spouse_general", codes=_FLAG, blank=False),
        Choice("老人控除対象配偶者", "spouse_elderly", codes=_FLAG, blank=False),
        _count("一般扶養親族数", "dependants_general"),
        _count("老人扶養親族数", "dependants_elderly"),
        _count("特定扶養親族数", "dependants_specified"),
        # Added to 別添1's items (as ひとり親控除 and 特定親族特別控除 were in 別添2): the exemption tests
        # count them (国民年金法施行令5条の4, 6条の7〜6条の9の2). docs/formats/income.md.
        _count("一般扶養親族数のうち19歳未満", "dependants_aged16to18"),
        _count("年少扶養親族数", "dependants_under16"),
        _yen("寡婦(夫)控除", "widow_deduction"),
        _yen("寡婦特別控除", "widow_special_deduction"),
        _yen("ひとり親控除", "single_parent_deduction"),
        _count("障害者控除人数", "disability_count"),
        _yen("障害者控除", "disability_deduction"),
        _count("特別障害者控除人数", "special_disability_count"),
        _yen("特別障害者控除", "special_disability_deduction"),
        _yen("勤労学生控除", "working_student_deduction"),
        _yen("雑損控除", "casualty_loss_deduction"),
        _yen("医療費控除", "medical_deduction"),
        _yen("社会保険料控除", "social_insurance_deduction"),
        _yen("小規模企業共済等掛金控除", "small_business_mutual_aid_deduction"),
        _yen("配偶者特別控除", "spouse_special_deduction"),
        _yen("特定親族特別控除", "specified_relative_special_deduction"),
        _yen("純損失及び雑損失", "net_loss_carryover"),
        # 令6条の12第2項3号 (docs/formats/income.md): optional, as a tax system may not hand it over; absent reads 0.
        Integer("肉用牛売却免除所得", "beef_cattle_exempt_income", maximum=YEN_MAX, header_optional=True),
    ),
)

FIELDS: tuple[str, ...] = tuple(column.field for column in SPEC.columns)
ROW_FIELDS = (*FIELDS, "row_digest", "line_digest")


@dataclass
class Validated:
    records: list[tuple | None]  # values in FIELDS order (None: a settled row)
    joined: list[str]  # each row's texts in FIELDS order, joined: what the digest covers
    texts: dict[str, list[str]]  # field → values as written (the COPY path builds its lines from them)
    lines: list[int]
    settled: list[bool] | None = None  # per row: identical to the stored row (its values not checked again)
    line_digests: list[str] | None = None  # per row: its line's digest (lines.py); None: not known


def income_validate(
    table: Table,
    *,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = 20_000,
    existing: dict[tuple[str, int], str] | None = None,
    sorted_lines: Sorted | None = None,
) -> Validated:
    """Every value of every row; raises ImportRejected with all the problems found. With ``existing``
    (income_existing, read in the transaction that writes) a row identical to its stored one is
    settled and not checked again, as in residents_validate (and so are ``sorted_lines``'s)."""
    checked = validate_table(
        SPEC,
        table,
        progress=progress,
        chunk_size=chunk_size,
        joined_fields=FIELDS,
        settle=partial(_settled, existing=existing) if existing else None,
    )
    columns, lines, errors = checked.typed, checked.lines, checked.errors
    keys = list(zip(columns["personal_code"], columns["tax_year"], strict=True))
    errors += duplicate_errors(
        *with_settled(sorted_lines, keys, lines),
        "個人コード・賦課年度",
        lambda key, first: message(
            gettext_noop("個人コード「%(code)s」の%(year)s年度は%(first)d行目と重複しています"),
            code=key[0],
            year=key[1],
            first=first,
        ),
    )
    errors += _aged16to18_errors(columns, lines)
    if errors:
        raise ImportRejected(SPEC.sort_errors(errors))
    return Validated(
        records=checked.records(FIELDS),
        joined=checked.joined,
        texts=checked.texts,
        lines=lines,
        settled=checked.settled,
        line_digests=sorted_lines.digests if sorted_lines is not None else None,
    )


def _settled(
    texts: dict[str, list[str]], joined: list[str], *, existing: dict[tuple[str, int], str]
) -> list[bool]:
    """Per row: its digest is the stored one (a 賦課年度 that is not plain digits matches nothing).
    Written with map and compress (loops in C): this runs over every row of every yearly extract."""
    codes, years = texts["personal_code"], texts["tax_year"]
    year_of = {year: int(year) for year in set(years) if year.isascii() and year.isdigit() and len(year) <= 4}
    stored = list(map(existing.get, zip(codes, map(year_of.get, years), strict=True)))
    positions = list(compress(range(len(stored)), stored))
    digests = map(row_digest, map(joined.__getitem__, positions))
    settled = [False] * len(stored)
    for position, digest, known in zip(positions, digests, map(stored.__getitem__, positions), strict=True):
        if digest == known:
            settled[position] = True
    return settled


def _aged16to18_errors(columns: dict[str, list], lines: list[int]) -> list[RowError]:
    """The 16–18-year-olds are counted inside 一般扶養親族数 (住民税 has them there), never more."""
    general, aged = columns["dependants_general"], columns["dependants_aged16to18"]
    if not any(aged):  # the usual file: nothing to compare, checked in C
        return []
    return [
        RowError(
            line,
            "一般扶養親族数のうち19歳未満",
            message(
                gettext_noop("一般扶養親族数 (%(general)d) 以下にしてください (一般扶養親族数の内数です)"),
                general=g,
            ),
        )
        for g, a, line in zip(general, aged, lines, strict=True)
        if type(a) is int and type(g) is int and a > g  # None: already reported as not a number
    ]


def row_digest(joined: str) -> str:
    """SHA-256 of the row's trimmed values in documented column order."""
    return hashlib.sha256(joined.encode()).hexdigest()
