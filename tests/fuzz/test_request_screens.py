"""開示・訂正・利用停止請求 (受付 and each step), the resident page's 「個人番号を表示」 and the
supervisor's 開示 actions."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cases.kernel.models import CaseType
from tests.fuzz.checks import fuzz_settings, submit, sweep
from tests.fuzz.strategies import junk, submissions
from tests.requests.conftest import MYNUMBER, open_task, take_request, work

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(reference_data):
    from cases.registry.mynumber import mynumber_register
    from tests.factories import PensionRecordFactory

    resident = PensionRecordFactory().resident
    mynumber_register(resident=resident, number=MYNUMBER)
    return resident


def form_of(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return response.context["form"]


@fuzz_settings(35)
@given(data=st.data())
def test_request_intake_refuses_bad_input_with_a_reason(client, clerk, person, data):
    url = f"/intake/requests/{person.pk}/"
    client.force_login(clerk)
    valid = {
        "case_type": data.draw(
            st.sampled_from([CaseType.DISCLOSURE, CaseType.CORRECTION, CaseType.SUSPENSION])
        ),
        "received_on": timezone.localdate().isoformat(),
        "requester": "self",
        "identity_documents": ["drivers_licence"],
        "content": "保有している私の情報を知りたい",
    }
    submit(client, "post", url, data.draw(submissions(form_of(client, url), valid)), explain=True, user=clerk)


def test_request_intake_refuses_dates_at_the_limits_with_a_reason(client, clerk, person):
    url = f"/intake/requests/{person.pk}/"
    client.force_login(clerk)
    valid = {
        "case_type": CaseType.DISCLOSURE,
        "received_on": timezone.localdate().isoformat(),
        "requester": "self",
        "identity_documents": ["drivers_licence"],
        "content": "保有している私の情報を知りたい",
    }
    sweep(client, "post", url, form_of(client, url), valid, explain=True, user=clerk)


@pytest.fixture
def respond_screen(request, client, clerk, person):
    case = take_request(client, clerk, person, request.param)
    task = open_task(case, "respond")
    url = f"/desk/tasks/{task.pk}/"
    client.force_login(clerk)
    form = form_of(client, url)
    valid = [
        {"decision": "refuse", "refusal_reason": "保有していない"},
        {"decision": "withdraw", "note": "取下げ"},
    ]
    if "target" in form.fields:
        targets = [value for value, _ in form.fields["target"].choices[1][1]]
        valid.append({"decision": "grant", "target": targets[0], "new_value": "2015-07-01"})
    else:
        valid.append({"decision": "grant", "suspension_scope": "すべての利用"})
    return url, form, valid


@pytest.mark.parametrize("respond_screen", ["disclosure", "correction", "suspension"], indirect=True)
@fuzz_settings(25)
@given(data=st.data())
def test_responding_to_a_request_refuses_bad_input_with_a_reason(client, clerk, respond_screen, data):
    url, form, valid = respond_screen
    submit(client, "post", url, data.draw(submissions(form, valid)), explain=True, user=clerk)


@pytest.fixture
def later_step(request, client, clerk, supervisor, person):
    """A 利用停止請求 at its 決裁 (supervisor) or 回答 (clerk) step."""
    case = take_request(client, clerk, person, "suspension")
    work(client, clerk, case, "respond", {"decision": "grant", "suspension_scope": "すべての利用"})
    step, user = request.param, supervisor
    if step == "answer":
        work(client, supervisor, case, "approve", {"decision": "approve"})
        user = clerk
    task = open_task(case, step)
    if task.owner_id is None:
        client.force_login(user)
        assert client.post(f"/desk/tasks/{task.pk}/claim/").status_code == 302
    url = f"/desk/tasks/{task.pk}/"
    client.force_login(user)
    valid = (
        {"decision": "reject", "reason": "範囲を確認"}
        if step == "approve"
        else {"answered_on": timezone.localdate().isoformat(), "outcome": "利用を停止しました"}
    )
    return url, user, form_of(client, url), valid


@pytest.mark.parametrize("later_step", ["approve", "answer"], indirect=True)
@fuzz_settings(25)
@given(data=st.data())
def test_approving_and_answering_a_request_refuse_bad_input(client, later_step, data):
    url, user, form, valid = later_step
    submit(client, "post", url, data.draw(submissions(form, valid)), explain=True, user=user)


@pytest.mark.parametrize("later_step", ["answer"], indirect=True)
def test_answering_a_request_refuses_dates_at_the_limits(client, later_step):
    url, user, form, valid = later_step
    sweep(client, "post", url, form, valid, explain=True, user=user)


@pytest.fixture
def disclosure_at_approval(client, clerk, person):
    case = take_request(client, clerk, person, "disclosure")
    work(client, clerk, case, "respond", {"decision": "grant"})
    return case


@fuzz_settings(25)
@given(
    post=st.fixed_dictionaries({}, optional={"reason": junk, "task": junk}),
    action=st.sampled_from(["mynumber", "report"]),
)
def test_the_disclosure_actions_answer_any_post(client, supervisor, disclosure_at_approval, post, action):
    url = f"/cases/{disclosure_at_approval.pk}/disclosure/{action}/"
    submit(client, "post", url, post, explain=True, user=supervisor)


@pytest.fixture
def reveal_form(client, clerk, person):
    client.force_login(clerk)
    return form_of(client, f"/residents/{person.pk}/mynumber/")


@fuzz_settings(30)
@given(data=st.data(), case=junk)
def test_revealing_a_mynumber_needs_a_purpose_and_answers_any_input(
    client, clerk, person, reveal_form, data, case
):
    url = f"/residents/{person.pk}/mynumber/"
    post = data.draw(submissions(reveal_form, {"purpose": "本人からの照会 (電話)"}))
    # Revealing writes nothing but the access log, so every answer must leave the records alone.
    submit(client, "post", f"{url}?case=", post, explain=False, user=clerk)
    submit(client, "get", url, {"case": case}, explain=False, user=clerk)
