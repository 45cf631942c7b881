"""``screen_exemption``'s JSON contract under any JSON value: the exact output shape, or a Japanese
error (exit 2, nothing on stdout). The parser is called directly; one run goes through the command."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from cases.exemption.screening.params import current_fiscal_year, screening_params_for
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
person = st.fixed_dictionaries(
    {},
    optional={
        "income": amount,
        "deductions": amount,
        "dependants": st.one_of(
            st.fixed_dictionaries({}, optional={k: amount for k in ("general", "elderly", "specified")}),
            json_value,
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
def params(screening_rules):
    return screening_params_for(fiscal_year=current_fiscal_year())


@fuzz_settings(300)
@given(raw=st.one_of(raw_text, raw_text.map(str.encode), st.binary(max_size=40)))
def test_any_json_gives_the_exact_shape_or_a_japanese_error(params, raw):
    try:
        data = payload_parse(raw)
    except PayloadError as exc:
        assert is_japanese(str(exc)), str(exc)
        return
    output = json.loads(payload_dumps(screening_evaluate(data=data, params=params)))
    assert set(output) == {"results", "best"}
    assert [line["kind"] for line in output["results"]] == KINDS
    for line in output["results"]:
        assert set(line) == {"kind", "eligible", "blocked", "failed"}
        assert type(line["eligible"]) is bool and isinstance(line["failed"], list)
        assert line["blocked"] is None or isinstance(line["blocked"], str)
    assert output["best"] is None or output["best"] in KINDS


@fuzz_settings(15)
@given(raw=raw_text)
def test_the_command_writes_json_or_exits_2_with_nothing_on_stdout(params, raw):
    out = io.StringIO()
    try:
        call_command("screen_exemption", stdin=io.StringIO(raw), stdout=out)
    except CommandError as exc:
        assert exc.returncode == 2 and out.getvalue() == "" and is_japanese(str(exc))
    else:
        assert set(json.loads(out.getvalue())) == {"results", "best"}
