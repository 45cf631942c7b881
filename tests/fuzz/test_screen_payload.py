"""``screen_exemption``'s JSON contract under any JSON value: the exact output shape, or a Japanese
error (exit 2, nothing on stdout). The parser is called directly; one run goes through the command."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from cases.exemption.screening.params import ScreeningParamsMissing, screening_params_for, tokyo_today
from cases.exemption.screening.payload import PayloadError, payload_dumps, payload_parse
from cases.exemption.screening.rules import screening_evaluate
from tests.fuzz.checks import fuzz_settings, is_japanese

KINDS = ["full", "three_quarters", "half", "quarter", "deferral", "student"]

json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=10),
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
amount = st.one_of(st.integers(min_value=0, max_value=10**12), json_value)
flag = st.one_of(st.booleans(), json_value)
DEPENDANTS = ("general", "elderly", "specified", "aged16to18", "under16")
month = st.one_of(
    st.dates().map(lambda day: f"{day.year:04d}-{day.month:02d}"), st.just("9999-12"), json_value
)
person = st.fixed_dictionaries(
    {},
    optional={
        "income": amount,
        "loss_carryover": amount,
        "deductions": amount,
        "dependants": st.one_of(
            st.fixed_dictionaries({}, optional={k: amount for k in DEPENDANTS}), json_value
        ),
        "disability_deductions": st.one_of(
            st.fixed_dictionaries({}, optional={k: amount for k in ("ordinary", "special")}), json_value
        ),
        **{
            key: flag for key in ("disabled", "special_disabled", "widow", "single_parent", "working_student")
        },
    },
)
payload = st.one_of(
    json_value,
    st.fixed_dictionaries(
        {"applicant": st.one_of(person, json_value)},
        optional={
            "age": st.one_of(st.none(), st.integers(min_value=-5, max_value=200), json_value),
            # Any year: the far ends (9999) must be an error, not an overflow.
            "birth_date": st.one_of(st.none(), st.dates().map(str), st.just("9999-12-31"), json_value),
            "period": st.one_of(st.fixed_dictionaries({}, optional={"from": month, "to": month}), json_value),
            "insured_kind": st.one_of(
                st.sampled_from(["category1", "voluntary", "special_elderly"]), json_value
            ),
            "is_student": flag,
            "spouse": st.one_of(st.none(), person, json_value),
            "householder": st.one_of(st.none(), person, json_value),
            "incom": json_value,
        },
    ),
)
raw_text = st.one_of(
    payload.map(json.dumps),
    payload.map(lambda value: json.dumps(value)[:-1]),  # cut short
    st.sampled_from(["", " ", "{", "[1,", '{"applicant": {}}' * 2, "NaN", "\ufeff{}", "[" * 5000]),
    st.text(max_size=50),
)


@pytest.fixture
def rules(screening_rules):
    return None


@fuzz_settings(300)
@given(raw=st.one_of(raw_text, raw_text.map(str.encode), st.binary(max_size=40)))
def test_any_json_gives_the_exact_shape_or_a_japanese_error(rules, raw):
    try:
        payload = payload_parse(raw, today=tokyo_today())
        params = screening_params_for(fiscal_year=payload.fiscal_year)
    except (PayloadError, ScreeningParamsMissing) as exc:
        assert is_japanese(str(exc)), str(exc)
        return
    result = screening_evaluate(data=payload.data, params=params)
    output = json.loads(payload_dumps(result, fiscal_year=payload.fiscal_year))
    assert set(output) == {"fiscal_year", "results", "best"}
    assert [line["kind"] for line in output["results"]] == KINDS
    for line in output["results"]:
        keys = {"kind", "eligible", "blocked", "failed", "details"}
        assert set(line) == (keys | {"last_month"} if line["kind"] == "deferral" else keys)
        assert type(line["eligible"]) is bool and isinstance(line["failed"], list)
        assert line["blocked"] is None or isinstance(line["blocked"], str)
        assert {detail["role"] for detail in line["details"]} >= set(line["failed"])
    assert output["best"] is None or output["best"] in KINDS


@fuzz_settings(15)
@given(raw=raw_text)
def test_the_command_writes_json_or_exits_2_with_nothing_on_stdout(rules, raw):
    out = io.StringIO()
    try:
        call_command("screen_exemption", stdin=io.StringIO(raw), stdout=out)
    except CommandError as exc:
        assert exc.returncode == 2 and out.getvalue() == "" and is_japanese(str(exc))
    else:
        assert set(json.loads(out.getvalue())) == {"fiscal_year", "results", "best"}
