"""The 障害基礎年金 screens under bad input: the counter's routing check and intake, and 入力 with its
table of months. No server error, a Japanese reason on the page, and nothing changed when refused."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.disability import helpers as d
from tests.disability.test_screens import intake_post
from tests.factories import PensionRecordFactory
from tests.fuzz.checks import fuzz_settings, submit, sweep
from tests.fuzz.strategies import submissions

pytestmark = pytest.mark.django_db

VALID_INTAKES = [
    {**intake_post(), "action": "take"},
    {**intake_post(status_at_first_visit="category3"), "action": "take"},  # referred
    {
        **intake_post(status_at_first_visit="not_insured", congenital="on", first_visit_on=""),
        "action": "take",
    },
    {
        **intake_post(special_event="dialysis_start", special_event_on=d.years_ago(1).isoformat()),
        "action": "take",
    },
    {**intake_post(claim_basis="post_onset", cured_on=d.years_ago(1).isoformat()), "action": "take"},
]


@pytest.fixture
def intake_screen(client, clerk):
    resident = PensionRecordFactory().resident
    url = f"/intake/disability/{resident.pk}/"
    client.force_login(clerk)
    return url, client.get(url).context["form"]


@fuzz_settings(60)
@given(data=st.data())
def test_intake_refuses_bad_claims_with_a_reason(client, clerk, intake_screen, data):
    url, form = intake_screen
    submit(client, "post", url, data.draw(submissions(form, VALID_INTAKES)), explain=True, user=clerk)


@fuzz_settings(30)
@given(data=st.data())
def test_the_routing_check_answers_anything_and_saves_nothing(client, clerk, intake_screen, data):
    url, form = intake_screen
    drawn = data.draw(submissions(form, [{**valid, "action": "check"} for valid in VALID_INTAKES]))
    outcome = submit(client, "post", url, {**drawn, "action": "check"}, explain=False, user=clerk)
    assert outcome.status == 200


def test_intake_refuses_dates_at_the_limits_with_a_reason(client, clerk, intake_screen):
    url, form = intake_screen
    sweep(client, "post", url, form, VALID_INTAKES[:1], explain=True, user=clerk)


@pytest.fixture
def input_screen(client, clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    task = d.take(case, "enter_data", clerk)
    url = f"/desk/tasks/{task.pk}/"
    client.force_login(clerk)
    form = client.get(url).context["form"]
    pending = [code for code, _label in form.fields["received"].choices]
    within = (case.disability.recognition_on.replace(day=1)).isoformat()
    periods = {
        "periods-TOTAL_FORMS": "2",
        "periods-INITIAL_FORMS": "0",
        "periods-0-start": "2015-07",
        "periods-0-end": "2020-03",
        "periods-0-status": "paid",
        "periods-1-start": "2020-04",
        "periods-1-end": "2021-03",
        "periods-1-status": "exempt",
        "periods-1-settled_on": "2020-04-10",
    }
    base = {**intake_post(), **periods, "contribution_confirmed": "on", "insured_at_first_visit": "on"}
    valid = [
        {**base, "received": pending, "current_on_certificate_recognition": within, "action": "save"},
        {**base, "received": [], "due_on": "2099-12-31", "action": "request_documents"},
    ]
    return url, form, valid


@fuzz_settings(40)
@given(data=st.data())
def test_input_refuses_bad_input_with_a_reason(client, clerk, input_screen, data):
    url, form, valid = input_screen
    submit(client, "post", url, data.draw(submissions(form, valid)), explain=True, user=clerk)


@fuzz_settings(25)
@given(data=st.data())
def test_input_refuses_bad_period_rows_with_a_reason(client, clerk, input_screen, data):
    url, _form, valid = input_screen
    row = {
        "periods-0-start": data.draw(st.sampled_from(["", "2020-13", "0001-01", "2015-07", "ｘ", "9999-12"])),
        "periods-0-end": data.draw(st.sampled_from(["", "2014-01", "2099-12", "2020-03", "1500-01"])),
        "periods-0-status": data.draw(st.sampled_from(["", "paid", "maybe", "unpaid"])),
        "periods-0-settled_on": data.draw(st.sampled_from(["", "2020-02-30", "令和2年4月1日", "9999-12-31"])),
        "periods-TOTAL_FORMS": data.draw(st.sampled_from(["2", "0", "-1", "x", "1000"])),
    }
    submit(client, "post", url, {**valid[0], **row}, explain=True, user=clerk)


def test_input_refuses_dates_at_the_limits_with_a_reason(client, clerk, input_screen):
    url, form, valid = input_screen
    sweep(client, "post", url, form, valid, explain=True, user=clerk)
