"""The counter and desk screens: searches, intake, each exemption step, reassignment and case search."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.factories import applicant_with_household
from tests.fuzz.at_step import case_at
from tests.fuzz.checks import fuzz_settings, submit, sweep
from tests.fuzz.strategies import application_bases, form_data, junk, submissions
from tests.workflows.helpers import current_period
from workflows.forms.search import MyNumberSearchForm

pytestmark = pytest.mark.django_db


def form_of(client, url: str, context_name: str = "form"):
    response = client.get(url)
    assert response.status_code == 200
    return response.context[context_name]


# Fixtures, not code in the test body: Hypothesis runs the body once per example, the fixtures once.


@pytest.fixture
def search_form(client, clerk):
    applicant_with_household()
    client.force_login(clerk)
    return form_of(client, "/intake/")


@fuzz_settings(40)
@given(data=st.data())
def test_applicant_search_answers_any_query(client, clerk, search_form, data):
    query = {**data.draw(form_data(search_form)), "search": "name"}
    submit(client, "post", "/intake/", query, explain=False, user=clerk)


@fuzz_settings(30)
@given(data=st.data())
def test_mynumber_search_answers_any_number(client, clerk, data):
    post = data.draw(
        st.one_of(
            form_data(MyNumberSearchForm()),
            st.fixed_dictionaries(
                {
                    "number": st.sampled_from(
                        ["123456789018", "１２３４５６７８９０１８", "1234 5678 9018", "1234-5678-9018", "0"]
                    ),
                    "purpose": junk,
                }
            ),
        )
    )
    submit(client, "post", "/intake/", post, explain=False, user=clerk)


@pytest.fixture
def intake_screen(client, clerk):
    applicant, _spouse = applicant_with_household()
    url = f"/intake/exemption/{applicant.pk}/"
    client.force_login(clerk)
    received = {"received_on": timezone.localdate().isoformat()}
    valid = [{**received, **base} for base in application_bases(*current_period())]
    return url, form_of(client, url), valid


@fuzz_settings(60)
@given(data=st.data())
def test_intake_refuses_bad_applications_with_a_reason(client, clerk, intake_screen, data):
    url, form, valid = intake_screen
    submit(client, "post", url, data.draw(submissions(form, valid)), explain=True, user=clerk)


def test_intake_refuses_dates_at_the_limits_with_a_reason(client, clerk, intake_screen):
    url, form, valid = intake_screen
    sweep(client, "post", url, form, valid, explain=True, user=clerk)


def test_applicant_search_answers_birth_dates_at_the_limits(client, clerk, search_form):
    valid = {"birth_date": "1995-06-15", "search": "name"}
    sweep(client, "post", "/intake/", search_form, valid, explain=False, user=clerk)


STEP_VALID = {
    "verify_identity": [
        {"documents": ["mynumber_card"]},
        {"documents": ["drivers_licence"], "due_on": "2099-12-31"},  # no number document: 書類不備
    ],
    "await_documents": {"outcome": "withdrawn", "comment": "本人より取下げの申出"},
    "enter_data": None,  # built from the case below
    "cross_check": {"decision": "mismatch", "reason": "住所が申請書と違う"},
    "approve": {"decision": "reject", "reason": "所得の確認が必要"},
}


@pytest.fixture
def step_screen(request, client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    step = request.param
    case, task, user = case_at(
        step, clerk=clerk, clerk2=clerk2, supervisor=supervisor, capture=django_capture_on_commit_callbacks
    )
    url = f"/desk/tasks/{task.pk}/"
    client.force_login(user)
    valid = STEP_VALID[step]
    if step == "enter_data":
        resident = case.resident
        written = {
            "declared_kana_name": resident.kana_name,
            "declared_kanji_name": resident.kanji_name,
            "declared_birth_date": resident.birth_date.isoformat(),
            "declared_address": resident.address,
            "household_confirmed": "on",
        }
        valid = [{**written, **base} for base in application_bases(*current_period())]
    return url, user, form_of(client, url), valid


@pytest.mark.parametrize("step_screen", list(STEP_VALID), indirect=True)
@fuzz_settings(35)
@given(data=st.data())
def test_each_exemption_step_refuses_bad_input_with_a_reason(client, step_screen, data):
    url, user, form, valid = step_screen
    submit(client, "post", url, data.draw(submissions(form, valid)), explain=True, user=user)


@pytest.mark.parametrize("step_screen", ["verify_identity", "enter_data"], indirect=True)
def test_exemption_steps_refuse_dates_at_the_limits_with_a_reason(client, step_screen):
    url, user, form, valid = step_screen
    sweep(client, "post", url, form, valid, explain=True, user=user)


@pytest.fixture
def reassign_screen(client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    _case, task, _user = case_at(
        "enter_data",
        clerk=clerk,
        clerk2=clerk2,
        supervisor=supervisor,
        capture=django_capture_on_commit_callbacks,
    )
    url = f"/desk/tasks/{task.pk}/reassign/"
    client.force_login(supervisor)
    return url, form_of(client, url), {"to_user": str(clerk2.pk), "reason": "休暇のため"}


@fuzz_settings(30)
@given(data=st.data())
def test_reassign_refuses_bad_input_with_a_reason(client, supervisor, reassign_screen, data):
    url, form, valid = reassign_screen
    submit(client, "post", url, data.draw(submissions(form, valid)), explain=True, user=supervisor)


@pytest.fixture
def case_search_forms(client, clerk, supervisor):
    applicant_with_household()
    forms = {}
    for user in (clerk, supervisor):
        client.force_login(user)
        forms[user.pk] = form_of(client, "/cases/")
    return forms


@fuzz_settings(40)
@given(data=st.data())
def test_case_search_answers_any_query(client, clerk, supervisor, case_search_forms, data):
    user = data.draw(st.sampled_from([clerk, supervisor]))
    query = data.draw(form_data(case_search_forms[user.pk]))
    submit(client, "post", "/cases/", query, explain=False, user=user, follow=True)


@fuzz_settings(30)
@given(page=junk, office=junk, path=st.sampled_from(["/desk/inbox/", "/desk/queue/", "/desk/", "/bundles/"]))
def test_lists_answer_any_page_and_office(client, supervisor, page, office, path):
    submit(client, "get", path, {"page": page, "office": office}, explain=False, user=supervisor)
