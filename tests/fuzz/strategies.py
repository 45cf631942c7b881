"""Hypothesis strategies for what people (and broken clients) type into the desk's screens.

Values lean towards what a Japanese counter produces: full-width and half-width forms, kana, 和暦,
emoji pasted from a phone, control characters from a copied spreadsheet cell, and strings far longer
than any field allows. Every strategy yields str (or lists of str) because that is what a browser
sends; the field-aware ``form_data`` mixes values a field accepts with values it must refuse.
"""

import csv
import datetime as dt
import io
import string

from django import forms
from django.utils import timezone
from hypothesis import strategies as st

from cases.common.fields import MonthField
from cases.common.identifiers.wareki import format_wareki

# A few characters from each block a clerk might paste; drawn from as a whole alphabet below.
_SAMPLES = (
    string.ascii_letters + string.digits + string.punctuation + " \t",
    "０１２３４５６７８９ＡＢＣａｂｃ－／．，（）＋＊",  # full-width ASCII
    "ｱｻﾋｶﾜﾀﾛｳﾊﾟﾋﾞｰｯｬ",  # half-width kana, with the voicing marks as separate characters
    "アサヒカワタロウヴァッャー・",
    "あさひかわはなこゃっ",
    "旭川市太郎花子髙﨑邊齋令和平成昭和明治大正元年月日円",
    "\u3000\u00a0\u200b\ufeff\u202e\u2028",  # ideographic space, nbsp, zero width, BOM, RLO, LS
    "😀👨‍👩‍👧🇯🇵",  # emoji, a ZWJ family and a flag
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\r\n",  # control characters
    "<>&\"'%{}\\",  # markup and template characters
    "①Ⅻ㍻㈱ｶﾞ゛゜",  # compatibility characters NFKC folds
    "٣٤੫²³",  # other scripts' digits and superscripts: str.isdigit() is True for them
)
ALPHABET = "".join(_SAMPLES)

text = st.text(alphabet=ALPHABET, max_size=40)
long_text = st.builds(lambda ch, n: ch * n, st.sampled_from(list(ALPHABET)), st.integers(200, 5000))
# Any code point but lone surrogates, which no browser can send (they are not UTF-8).
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
any_text = st.one_of(text, text, long_text, unicode_text)

MALFORMED_DATES = (
    "令和0年1月1日",
    "令和元年4月30日",
    "平成31年5月1日",
    "昭和64年1月8日",
    "明治元年1月1日",
    "明治1年10月22日",
    "令和8年2月30日",
    "令和8年13月1日",
    "令和999年1月1日",
    "R8.2.29",
    "r0.1.1",
    "H32.1.1",
    "2026-02-30",
    "2026-02-29",
    "2026/13/01",
    "20260230",
    "0000-00-00",
    "0001-01-01",
    "1000-01-01",
    "1868-10-22",
    "1868-10-23",
    "2099-12-31",
    "2100-01-01",
    "9999-12-31",
    "２０２６－０７－０１",
    "令和８年７月１日",
    "2026-7-1",
    "2026-07-01T10:00",
    "-2026-01-01",
    "2026-٠٧-٠١",
    "平成",
    "年月日",
    "today",
)
MALFORMED_MONTHS = (
    "2026-13",
    "2026-00",
    "0000-01",
    "0001-01",
    "9999-12",
    "1868-10",
    "2100-01",
    "2026-7",
    "２０２６－０７",
    "令和8年7月",
    "2026/07",
    "2026-07-40",
)
dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
realistic_dates = st.dates(min_value=dt.date(1869, 1, 1), max_value=dt.date(2099, 12, 31))


def _ym(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


# Days no Japanese calendar names (before 明治) and days past any plausible application.
extreme_dates = st.one_of(
    st.sampled_from(
        [
            dt.date(1, 1, 1),
            dt.date(1, 6, 30),
            dt.date(1868, 10, 22),
            dt.date(9999, 12, 1),
            dt.date(9999, 12, 31),
        ]
    ),
    st.dates(max_value=dt.date(1868, 10, 22)),
    st.dates(min_value=dt.date(2100, 1, 1)),
)
date_text = st.one_of(
    st.sampled_from(MALFORMED_DATES),
    extreme_dates.map(dt.date.isoformat),
    dates.map(dt.date.isoformat),
    dates.map(lambda d: d.strftime("%Y/%m/%d")),
    realistic_dates.map(format_wareki),
    realistic_dates.map(lambda d: format_wareki(d).replace("年", ".").replace("月", ".").replace("日", "")),
    text,
)
month_text = st.one_of(
    st.sampled_from(MALFORMED_MONTHS),
    extreme_dates.map(_ym),
    dates.map(_ym),
    realistic_dates.map(_ym),
    date_text,
)
number_text = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.integers(min_value=0, max_value=10**7).map(lambda n: f"{n:,}円"),
    st.integers(min_value=0, max_value=999).map(
        lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    ),
    st.sampled_from(
        ["1e5", "NaN", "inf", "-0", "0x10", "１,０００", "2147483648", "9" * 40, "9" * 5000, "³"]
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
edge_datetimes = st.one_of(
    st.sampled_from(
        ["2026-02-30T10:00", "2026-07-01T25:00", "2026-07-01T10:60", "2026-07-01 10:00:00+09:00"]
    ),
    st.builds(
        lambda day, clock: f"{day.isoformat()}T{clock}", extreme_dates, st.sampled_from(["00:00", "23:59"])
    ),
)
datetime_text = st.one_of(
    edge_datetimes,
    edge_datetimes,
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    date_text,
)

# The ends of what Python and PostgreSQL can hold, and a day the 和暦 has no name for: rare draws
# that break the most code, so every field gets them often (and ``limit_sweep`` every time).
LIMIT_DATES = ("0001-01-01", "9999-12-31", "1500-01-01")
LIMIT_MONTHS = ("0001-01", "9999-12", "1500-01")
LIMIT_DATETIMES = ("0001-01-01T00:00", "9999-12-31T23:59", "1500-01-01T00:00")

scalar = st.one_of(any_text, date_text, number_text, st.just(""), st.sampled_from(["on", "true", "1", "0"]))
junk = st.one_of(scalar, st.lists(scalar, min_size=0, max_size=3))


def _choice_values(field: forms.Field) -> list[str]:
    values = []
    for value, label in getattr(field, "choices", []):
        if isinstance(label, (list, tuple)):  # optgroups
            values.extend(str(v) for v, _ in label)
        else:
            values.append(str(value))
    return values


def field_values(field: forms.Field) -> st.SearchStrategy:
    """Values this field would accept, mixed with values of its kind that it must refuse."""
    if isinstance(field, forms.MultipleChoiceField):
        good = st.lists(st.sampled_from(_choice_values(field) or [""]), max_size=4)
        return st.one_of(good, good, junk)
    if isinstance(field, forms.ChoiceField):
        choices = _choice_values(field)
        good = st.sampled_from(choices) if choices else st.just("")
        return st.one_of(good, good, good, junk)
    if isinstance(field, forms.BooleanField):
        return st.one_of(st.sampled_from(["on", "", "false", "0", "1"]), junk)
    if isinstance(field, forms.DateTimeField):
        return st.one_of(st.sampled_from(LIMIT_DATETIMES), datetime_text, junk)
    if isinstance(field, forms.DateField):
        # MonthField is a DateField too; both kinds of text go to both.
        edge = st.one_of(
            st.sampled_from(MALFORMED_DATES + MALFORMED_MONTHS),
            extreme_dates.map(dt.date.isoformat),
            extreme_dates.map(_ym),
        )
        limits = st.sampled_from(LIMIT_DATES + LIMIT_MONTHS)
        return st.one_of(limits, edge, edge, date_text, month_text, junk)
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return st.one_of(number_text, number_text, junk)
    if isinstance(field, forms.FileField):
        return st.just("")  # files are fuzzed by the upload tests
    return st.one_of(any_text, any_text, junk)


def form_data(form: forms.BaseForm, *, fixed: dict | None = None, extra_fields: bool = True):
    """A POST/GET dict for ``form``: each field present or missing, plus unknown extra fields.

    ``fixed`` values (e.g. a real resident id) are used as they are.
    """
    fixed = fixed or {}
    optional = {name: field_values(field) for name, field in form.fields.items() if name not in fixed}
    base = st.fixed_dictionaries({k: st.just(v) for k, v in fixed.items()}, optional=optional)
    if not extra_fields:
        return base
    # Names as a browser would send them (it escapes quotes and line breaks in a field name).
    names = st.text(string.ascii_letters + string.digits + "_-アあ旭", min_size=1, max_size=12)
    extras = st.dictionaries(names, junk, max_size=3)
    return st.builds(lambda data, more: {**more, **data}, base, extras)


def mutated(valid: dict, form: forms.BaseForm):
    """``valid`` (a submission the screen accepts) with a few fields replaced by junk or left out:
    gets past the first field check to the rules behind it."""
    names = sorted(set(form.fields) | set(valid))

    def value_for(name: str):
        field = form.fields.get(name)
        return st.tuples(st.just(name), field_values(field) if field is not None else junk)

    # Mostly the fields the accepted submission uses: those are the ones its rules look at.
    name = (
        st.one_of(st.sampled_from(sorted(valid)), st.sampled_from(names)) if valid else st.sampled_from(names)
    )
    replacements = st.lists(name.flatmap(value_for), min_size=1, max_size=3).map(dict)
    removed = st.sets(st.sampled_from(names), max_size=2)

    def build(new: dict, gone: set) -> dict:
        data = {k: v for k, v in valid.items() if k not in gone}
        data.update(new)
        return data

    return st.builds(build, replacements, removed)


def _limits(field: forms.Field) -> tuple[str, ...]:
    if isinstance(field, forms.DateTimeField):
        return LIMIT_DATETIMES
    if isinstance(field, MonthField):
        return LIMIT_MONTHS
    if isinstance(field, forms.DateField):
        return LIMIT_DATES
    return ()


def limit_sweep(form: forms.BaseForm, valid: dict | list[dict]) -> list[dict]:
    """Every accepted submission with each of its date fields set to each limit in turn: the
    boundary cases, every run, not only when the draw happens to reach them."""
    sweep = []
    for base in valid if isinstance(valid, list) else [valid]:
        for name, value in base.items():
            field = form.fields.get(name)
            sweep.extend(
                {**base, name: limit} for limit in (_limits(field) if field else ()) if limit != value
            )
    return sweep


def submissions(form: forms.BaseForm, valid: dict | list[dict] | None = None, *, fixed: dict | None = None):
    """Anything for ``form``, and near-misses of ``valid`` (one accepted submission or several)."""
    anything = form_data(form, fixed=fixed)
    if valid is None:
        return anything
    bases = valid if isinstance(valid, list) else [valid]
    near = st.sampled_from(bases).flatmap(lambda base: mutated(base, form))
    return st.one_of(anything, near, near)


def application_bases(start: dt.date, end: dt.date) -> list[dict]:
    """Accepted exemption requests of each shape: income-tested, student, 失業特例, 法定免除, 産前産後."""
    month = "%Y-%m"
    period = {"period_start": start.strftime(month), "period_end": end.strftime(month)}
    today = timezone.localdate()
    return [
        {"kind_1": "full", "kind_2": "half", **period},
        {"kind_1": "student", "is_student": "on", "school_name": "旭川大学", **period},
        {
            "kind_1": "full",
            "special_ground": "unemployment",
            "job_loss_person": "applicant",
            "job_loss_date": today.isoformat(),
            "job_loss_evidence": "separation_notice",
            **period,
        },
        {"kind_1": "statutory", "statutory_ground": "2", "statutory_since": today.isoformat()},
        {"kind_1": "maternity", "expected_birth_date": (today + dt.timedelta(days=60)).isoformat()},
        {
            "kind_1": "full",
            "agent_name": "旭 花子",
            "agent_relationship": "妻",
            "power_of_attorney": "on",
            **period,
        },
    ]


# What a spreadsheet cell can hold, separators and quotes included.
cell = st.one_of(
    text,
    date_text,
    number_text,
    st.just(""),
    st.text(alphabet=ALPHABET + ',"\n\r\t\\', max_size=20),
    st.sampled_from([" 1 ", "1\u3000", '"', '""', "a,b", "\\N", "\t", "=1+1", "ｱｻﾋ", "１２３"]),
)
ENCODINGS = ("utf-8", "utf-8-sig", "cp932", "euc-jp", "utf-16", "latin-1", "shift_jis")


@st.composite
def csv_files(
    draw, header: str | list[str], rows: list[dict[str, str]] | None = None, free: tuple[str, ...] = ()
) -> bytes:
    """Bytes of a would-be CSV: the real header (sometimes mangled) with valid rows whose cells are
    mutated, random cells, or plain random bytes; in any of the encodings people save with.

    ``free`` names the columns that take any text (names, addresses): mutating those keeps a file
    valid, so the write path sees the odd characters too.
    """
    columns = header.split(",") if isinstance(header, str) else list(header)
    shape = draw(st.sampled_from(["valid"] * 6 + ["random"] * 2 + ["bytes", "text"]))
    if shape == "bytes":
        return draw(st.binary(max_size=200))
    if shape == "text":
        body = draw(st.text(st.characters(exclude_categories=("Cs",)), max_size=200))
        return body.encode("utf-8")
    head = list(columns)
    change = draw(st.sampled_from(["none"] * 7 + ["duplicate", "drop", "unknown", "shuffle", "spaces"]))
    if change == "duplicate":
        head.append(draw(st.sampled_from(columns)))
    elif change == "drop":
        head.remove(draw(st.sampled_from(columns)))
    elif change == "unknown":
        head.insert(draw(st.integers(0, len(head))), draw(text))
    elif change == "shuffle":
        head = draw(st.permutations(head))
    elif change == "spaces":
        head = [f" {name}\u3000" for name in head]
    if rows and shape == "valid":
        count = draw(st.integers(1, len(rows)))
        body = [[row.get(name.strip(" \u3000"), "") for name in head] for row in rows[:count]]
        free_at = [index for index, name in enumerate(head) if name.strip(" \u3000") in free]
        for _ in range(draw(st.integers(0, 4))):
            line = draw(st.integers(0, count - 1))
            if free_at and draw(st.booleans()):
                body[line][draw(st.sampled_from(free_at))] = draw(st.one_of(text, long_text, unicode_text))
            else:
                body[line][draw(st.integers(0, len(head) - 1))] = draw(cell)
    else:
        width = st.integers(max(len(head) - 1, 0), len(head) + 1)
        body = draw(st.lists(width.flatmap(lambda n: st.lists(cell, min_size=n, max_size=n)), max_size=4))
    writer = draw(st.sampled_from(["csv", "csv", "csv_all", "naive"]))
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    if writer == "naive":
        content = end.join(",".join(line) for line in [head, *body]) + draw(st.sampled_from(["", end]))
    else:
        out = io.StringIO()
        quoting = csv.QUOTE_ALL if writer == "csv_all" else csv.QUOTE_MINIMAL
        csv.writer(out, lineterminator=end, quoting=quoting).writerows([head, *body])
        content = out.getvalue()
    if draw(st.integers(0, 9)) == 0:
        content += "\n" * draw(st.integers(1, 3))
    encoding = draw(st.sampled_from(("utf-8",) * 4 + ENCODINGS))
    return content.encode(encoding, errors="replace")
