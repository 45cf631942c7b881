"""ログイン, the 確認コード step, パスワード変更 and 二要素認証の設定 under arbitrary input."""

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases.security.forms.auth import DeskAuthenticationForm, DeskPasswordChangeForm, TotpCodeForm
from cases.security.totp import _key, totp_code, totp_enable, totp_secret_new
from tests.fuzz.checks import fuzz_settings, submit
from tests.fuzz.strategies import any_text, form_data, junk, submissions
from tests.security.auth_helpers import PASSWORD

pytestmark = pytest.mark.django_db


def code_now(secret: str) -> str:
    return totp_code(_key(secret), int(time.time() // 30))


def codes(secret: str | None = None):
    digits = st.text("0123456789０１２３４５６７８９ ", min_size=5, max_size=8)
    options = [digits, junk, any_text]
    if secret:
        options.append(st.builds(lambda: code_now(secret)))
    return st.one_of(*options)


@fuzz_settings(40)
@given(data=st.data())
def test_login_refuses_anything_but_the_right_password_with_one_message(client, clerk, data):
    valid = {"username": clerk.username, "password": PASSWORD}
    post = data.draw(submissions(DeskAuthenticationForm(), valid))
    client.cookies.clear()
    submit(client, "post", "/login/", post, explain=True)


@pytest.fixture
def pending_code(client, supervisor):
    """A supervisor with TOTP who has passed the password step: the session waits for the code."""
    secret = totp_secret_new()
    totp_enable(user=supervisor, secret=secret)
    client.cookies.clear()
    response = client.post("/login/", {"username": supervisor.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/login/totp/"
    return secret


@fuzz_settings(25)
@given(data=st.data())
def test_the_code_step_refuses_wrong_codes_with_a_message(client, pending_code, data):
    post = data.draw(
        st.one_of(form_data(TotpCodeForm()), st.fixed_dictionaries({"code": codes(pending_code)}))
    )
    # The session (the passed password step) is restored by the rollback after each example.
    submit(client, "post", "/login/totp/", post, explain=True)


@fuzz_settings(30)
@given(data=st.data())
def test_password_change_refuses_bad_passwords_with_a_reason(client, clerk, data):
    valid = {
        "old_password": PASSWORD,
        "new_password1": "新しい-pass-9876",
        "new_password2": "新しい-pass-9876",
    }
    post = data.draw(submissions(DeskPasswordChangeForm(clerk), valid))
    submit(client, "post", "/account/password/", post, explain=True, user=clerk)


@pytest.fixture
def enrolling(client, supervisor):
    """The enrolment screen was opened: the secret being enrolled waits, sealed, in the session."""
    client.force_login(supervisor)
    response = client.get("/account/totp/")
    assert response.status_code == 200
    return response.context["secret_display"].replace(" ", "")


@fuzz_settings(25)
@given(data=st.data())
def test_totp_enrolment_refuses_wrong_codes_with_a_message(client, enrolling, data):
    post = data.draw(st.one_of(form_data(TotpCodeForm()), st.fixed_dictionaries({"code": codes(enrolling)})))
    # Not force_login again: that would start a new session without the secret being enrolled.
    submit(client, "post", "/account/totp/", post, explain=True)


@pytest.fixture
def enrolled(supervisor):
    secret = totp_secret_new()
    totp_enable(user=supervisor, secret=secret)
    return secret


@fuzz_settings(15)
@given(data=st.data())
def test_turning_totp_off_needs_a_current_code(client, supervisor, enrolled, data):
    post = data.draw(st.one_of(form_data(TotpCodeForm()), st.fixed_dictionaries({"code": codes(enrolled)})))
    submit(client, "post", "/account/totp/", post, explain=True, user=supervisor)
