"""Properties that must hold for any household, whatever the figures."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from cases.exemption.screening.rules import KINDS, ROLES, PersonIncome, ScreeningInput, screening_evaluate

from .conftest import CURRENT, LEGACY

yen = st.integers(min_value=0, max_value=4_000_000)
count = st.integers(min_value=0, max_value=3)
people = st.builds(
    PersonIncome,
    income=yen,
    deductions=st.integers(min_value=0, max_value=600_000),
    general=count,
    elderly=count,
    specified=count,
    disabled=st.booleans(),
    special_disabled=st.booleans(),
    widow=st.booleans(),
    single_parent=st.booleans(),
    working_student=st.booleans(),
)
inputs = st.builds(
    ScreeningInput,
    applicant=people,
    spouse=st.none() | people,
    householder=st.none() | people,
    age=st.none() | st.integers(min_value=0, max_value=80),
    is_student=st.booleans(),
    income_zero_roles=st.frozensets(st.sampled_from(ROLES)),
    spouse_excluded=st.booleans(),
)
params = st.sampled_from([CURRENT, LEGACY])
FLAGS = ("disabled", "special_disabled", "widow", "single_parent", "working_student")


def eligible(data, p) -> dict[str, bool]:
    return {kind.kind: kind.eligible for kind in screening_evaluate(data=data, params=p).results}


def with_person(data: ScreeningInput, role: str, **changes) -> ScreeningInput:
    person = getattr(data, role)
    return replace(data, **{role: replace(person, **changes)})


def no_worse(before: dict[str, bool], after: dict[str, bool]) -> bool:
    return all(after[kind] for kind, ok in before.items() if ok)


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
@given(
    data=inputs,
    p=params,
    role=st.sampled_from(ROLES),
    category=st.sampled_from(["general", "elderly", "specified"]),
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
    # The 2021 reform raised every base by 10万; nobody can lose a kind by moving to it.
    assert no_worse(eligible(data, LEGACY), eligible(data, CURRENT))
