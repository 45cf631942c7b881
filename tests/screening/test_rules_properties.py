"""Properties that must hold for any household, whatever the figures (the statute's tests are
monotone: 令6条の7〜6条の9の2 only add to a limit per dependant, 令6条の12第2項 only subtracts, and the
135万円 route of 法90条1項3号 only adds a way to pass)."""

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from cases.exemption.periods import fiscal_year_bounds
from cases.exemption.screening.rules import KINDS, ROLES, PersonIncome, ScreeningInput, screening_evaluate
from cases.exemption.screening.values import INSURED_KINDS

from .conftest import CURRENT, FROM_2026, LEGACY

yen = st.integers(min_value=0, max_value=4_000_000)
count = st.integers(min_value=0, max_value=3)
people = st.builds(
    PersonIncome,
    income=yen,
    loss_carryover=st.integers(min_value=0, max_value=500_000),
    deductions=st.integers(min_value=0, max_value=600_000),
    specified_relative=st.sampled_from([0, 150_000, 450_000]),
    general=count,
    elderly=count,
    specified=count,
    aged16to18=count,
    under16=count,
    disabled=st.booleans(),
    special_disabled=st.booleans(),
    widow=st.booleans(),
    single_parent=st.booleans(),
    working_student=st.booleans(),
    disability_ordinary=st.none() | count,
    disability_special=st.none() | count,
)
periods = st.integers(min_value=2015, max_value=2031).map(
    lambda year: fiscal_year_bounds(year, student=False)
)
inputs = st.builds(
    ScreeningInput,
    applicant=people,
    spouse=st.none() | people,
    householder=st.none() | people,
    age=st.none() | st.integers(min_value=0, max_value=80),
    birth_date=st.none() | st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2006, 12, 31)),
    period=st.none() | periods,
    is_student=st.booleans(),
    insured_kind=st.sampled_from(INSURED_KINDS),
    income_zero_roles=st.frozensets(st.sampled_from(ROLES)),
    spouse_excluded=st.booleans(),
    public_assistance=st.booleans(),
)
params = st.sampled_from([CURRENT, FROM_2026, LEGACY])
FLAGS = ("disabled", "special_disabled", "widow", "single_parent", "working_student")
DEPENDANTS = ("general", "elderly", "specified", "aged16to18", "under16")


def eligible(data, p) -> dict[str, bool]:
    return {kind.kind: kind.eligible for kind in screening_evaluate(data=data, params=p).results}


def with_person(data: ScreeningInput, role: str, **changes) -> ScreeningInput:
    person = getattr(data, role)
    return replace(data, **{role: replace(person, **changes)})


def no_worse(before: dict[str, bool], after: dict[str, bool]) -> bool:
    return all(after[kind] for kind, ok in before.items() if ok)


@settings(max_examples=300)
@given(data=inputs, p=params, role=st.sampled_from(ROLES), extra=st.integers(1, 2_000_000))
def test_raising_income_never_turns_a_failing_kind_into_a_passing_one(data, p, role, extra):
    if getattr(data, role) is None:
        return
    richer = with_person(data, role, income=getattr(data, role).income + extra)
    assert no_worse(eligible(richer, p), eligible(data, p))


@settings(max_examples=300)
@given(data=inputs, p=params, role=st.sampled_from(ROLES), cut=yen)
def test_lowering_any_income_never_loses_eligibility(data, p, role, cut):
    if getattr(data, role) is None:
        return
    lower = max(0, getattr(data, role).income - cut)
    assert no_worse(eligible(data, p), eligible(with_person(data, role, income=lower), p))


@settings(max_examples=200)
@given(data=inputs, p=params, role=st.sampled_from(ROLES), extra=st.integers(1, 300_000))
def test_more_deductions_never_lose_eligibility(data, p, role, extra):
    if getattr(data, role) is None:
        return
    person = getattr(data, role)
    raised = with_person(data, role, deductions=person.deductions + extra)
    assert no_worse(eligible(data, p), eligible(raised, p))


@settings(max_examples=200)
@given(data=inputs, p=params, role=st.sampled_from(ROLES), extra=st.integers(1, 300_000))
def test_a_larger_specified_relative_deduction_never_loses_eligibility(data, p, role, extra):
    if getattr(data, role) is None:
        return
    person = getattr(data, role)
    raised = with_person(data, role, specified_relative=person.specified_relative + extra)
    assert no_worse(eligible(data, p), eligible(raised, p))


@settings(max_examples=200)
@given(
    data=inputs,
    p=params,
    role=st.sampled_from(ROLES),
    which=st.sampled_from(["disability_ordinary", "disability_special"]),
)
def test_one_more_person_with_a_disability_deduction_never_loses_eligibility(data, p, role, which):
    if getattr(data, role) is None:
        return
    person = getattr(data, role)
    ordinary, special = person.disability_counts
    counts = {"disability_ordinary": ordinary, "disability_special": special}
    counts[which] += 1
    assert no_worse(eligible(data, p), eligible(with_person(data, role, **counts), p))


@settings(max_examples=300)
@given(
    data=inputs,
    p=params,
    role=st.sampled_from(ROLES),
    category=st.sampled_from(DEPENDANTS),
)
def test_one_more_dependant_never_loses_eligibility(data, p, role, category):
    if getattr(data, role) is None:
        return
    person = getattr(data, role)
    more = with_person(data, role, **{category: getattr(person, category) + 1})
    assert no_worse(eligible(data, p), eligible(more, p))


@settings(max_examples=200)
@given(data=inputs, p=params, role=st.sampled_from(ROLES), flag=st.sampled_from(FLAGS))
def test_setting_a_deduction_flag_never_loses_eligibility(data, p, role, flag):
    if getattr(data, role) is None:
        return
    assert no_worse(eligible(data, p), eligible(with_person(data, role, **{flag: True}), p))


@settings(max_examples=200)
@given(data=inputs, p=params)
def test_dropping_the_spouse_never_loses_eligibility(data, p):
    assert no_worse(eligible(data, p), eligible(replace(data, spouse=None), p))


@settings(max_examples=300)
@given(data=inputs, p=params)
def test_result_shape_and_best(data, p):
    result = screening_evaluate(data=data, params=p)
    assert [kind.kind for kind in result.results] == list(KINDS)
    first = next((kind.kind for kind in result.results if kind.eligible), None)
    assert result.best == first
    for kind in result.results:
        assert kind.eligible == (kind.blocked is None and not kind.failed)
        if kind.blocked:
            assert kind.failed == ()
        # failed keeps the applicant, spouse, householder order and names only people who exist.
        assert list(kind.failed) == [role for role in ROLES if role in kind.failed]
        assert all(data.person(role) is not None for role in kind.failed)
        for check in kind.checks:
            assert check.passed == (check.compared <= check.limit)
            assert check.over == (0 if check.passed else check.compared - check.limit)
        if data.insured_kind != "category1":
            assert kind.blocked == "not_category1"
        if kind.kind == "deferral" and kind.last_month is not None and data.period is not None:
            assert data.period[0] <= kind.last_month <= data.period[1]


@settings(max_examples=200)
@given(data=inputs, p=params)
def test_students_only_ever_get_the_student_route(data, p):
    result = eligible(data, p)
    if data.is_student:
        assert [kind for kind, ok in result.items() if ok] in ([], ["student"])
    else:
        assert not result["student"]


@settings(max_examples=200)
@given(data=inputs)
def test_current_limits_are_never_stricter_than_legacy(data):
    # The 2021 reform raised every base by 10万 and the route to 135万; 2026 only adds a deduction.
    assert no_worse(eligible(data, LEGACY), eligible(data, CURRENT))
    assert no_worse(eligible(data, CURRENT), eligible(data, FROM_2026))
