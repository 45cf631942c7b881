"""Bugs the fuzz tests found, each pinned by a plain example."""

import pytest
from django.utils import timezone

from cases.kernel.models import Case
from tests.factories import applicant_with_household
from tests.fuzz.at_step import case_at
from tests.fuzz.checks import db_state

pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def test_the_input_screen_shows_the_inputs_for_what_the_application_says(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    # InputForm.declared_fields clashed with Django's own Form.declared_fields: the section showed
    # the names of every field as text and none of the four inputs.
    _case, task, user = case_at(
        "enter_data",
        clerk=clerk,
        clerk2=clerk2,
        supervisor=supervisor,
        capture=django_capture_on_commit_callbacks,
    )
    client.force_login(user)
    screen = page(client.get(f"/desk/tasks/{task.pk}/"))
    for name in ("declared_kana_name", "declared_kanji_name", "declared_birth_date", "declared_address"):
        assert f'name="{name}"' in screen
    refused = client.post(f"/desk/tasks/{task.pk}/", {"kind_1": "full"})
    assert refused.status_code == 200
    section = page(refused).split("申請書の記載", 1)[1].split("申請内容", 1)[0]
    assert section.count("このフィールドは必須です。") == 4


@pytest.mark.parametrize(
    ("fields", "field", "typed"),
    [
        # 法定免除 starts the month before: year 1 → year 0, a server error.
        (
            {"kind_1": "statutory", "statutory_ground": "2", "statutory_since": "0001-01-01"},
            "statutory_since",
            "0001-01-01",
        ),
        # Accepted, and then the case page failed: 和暦 has no name for 1500.
        (
            {"kind_1": "statutory", "statutory_ground": "2", "statutory_since": "1500-01-01"},
            "statutory_since",
            "1500-01-01",
        ),
        # The 免除年度 of 9999-07 ends in 10000.
        ({"kind_1": "full", "period_start": "9999-07", "period_end": "9999-12"}, "period_start", "9999-07"),
        # The retroactive limit, 25 months before 0001-01-01.
        (
            {
                "kind_1": "full",
                "period_start": "2026-07",
                "period_end": "2027-06",
                "received_on": "0001-01-01",
            },
            "received_on",
            "0001-01-01",
        ),
        (
            {"kind_1": "maternity", "expected_birth_date": "令和999年1月1日"},
            "expected_birth_date",
            "令和999年1月1日",
        ),
    ],
)
def test_intake_refuses_dates_outside_1900_to_2099_next_to_the_field(client, clerk, fields, field, typed):
    applicant, _spouse = applicant_with_household()
    client.force_login(clerk)
    before = db_state()
    response = client.post(
        f"/intake/exemption/{applicant.pk}/", {"received_on": timezone.localdate().isoformat(), **fields}
    )
    assert response.status_code == 200
    message = f"「{typed}」は1900年〜2099年の"
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in page(response)
    assert db_state() == before and not Case.objects.exists()


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, "99999999999999999999"])
def test_the_office_queue_ignores_an_office_that_is_not_a_number(client, supervisor, value):
    # "²".isdigit() is True and int("²") raises; a page of digits is over int()'s limit.
    client.force_login(supervisor)
    assert client.get("/desk/queue/", {"office": value}).status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 5000, "99999999999999999999"])
def test_the_discrepancy_queue_ignores_an_import_that_is_not_a_number(client, clerk, value):
    client.force_login(clerk)
    assert client.get("/results/discrepancies/", {"import": value}).status_code == 200


@pytest.mark.parametrize("year", ["abc", "0", "-1", "99999", "²", "2026.0"])
def test_the_printable_inquiry_log_shows_this_year_for_a_year_that_is_not_one(client, clerk, year):
    client.force_login(clerk)
    response = client.get("/inquiries/print/", {"year": year})
    assert response.status_code == 200 and response.context["year"] == timezone.localdate().year


def test_an_overlong_user_id_is_refused_at_the_field_not_with_a_server_error(client, clerk):
    # AuthenticationForm only set the HTML maxlength; 151 characters reached the lockout's
    # varchar(150) column and failed there.
    response = client.post("/login/", {"username": "a" * 200, "password": "x"})
    assert response.status_code == 200
    assert "150 文字以下" in page(response)
    assert "_auth_user_id" not in client.session


def test_a_blank_user_id_is_said_to_be_missing(client, clerk):
    # The login page showed only form-wide errors, so a user ID of spaces gave a silent reload.
    response = client.post("/login/", {"username": "   ", "password": "x"})
    assert response.status_code == 200 and "このフィールドは必須です。" in page(response)


def test_the_access_log_filter_refuses_a_last_day_past_2099(client, auditor):
    # The day after 9999-12-31 (the end of the range) overflowed Python's dates.
    client.force_login(auditor)
    response = client.get("/audit/", {"date_to": "9999-12-31"})
    assert response.status_code == 200
    assert "「9999-12-31」は1900年〜2099年の日付を入力してください。" in page(response)


@pytest.mark.parametrize("field", ["received_at", "closed_at"])
def test_an_inquiry_at_year_1_is_refused_not_stored(client, clerk, field):
    # 0001-01-01 00:00 in Tokyo is before year 1 in UTC: stored, it made the 受付簿 fail to load.
    client.force_login(clerk)
    data = {
        "received_at": "2026-07-01T10:00",
        "channel": "phone",
        "subject": "個人番号の利用について",
        "outcome": "説明済",
        "closed_at": "2026-07-01T11:00",
        field: "0001-01-01T00:00",
    }
    response = client.post("/inquiries/new/", data)
    assert response.status_code == 200
    assert "1900年〜2099年の日時を入力してください。" in page(response)
    assert client.get("/inquiries/").status_code == 200


def test_a_resident_born_before_meiji_is_shown_not_a_server_error(client, clerk, tmp_path):
    # The import accepts 1868-01-01 onwards, the 和暦 begins on 1868-10-23: every page showing the
    # birth date failed.
    from tests.imports.factories import import_residents, resident, write_csv

    row = resident(1, 生年月日="1868-05-01", 住定日="1868-06-01", 異動日="1868-06-01")
    _batch, errors = import_residents(write_csv(tmp_path, [row]))
    assert errors == []
    client.force_login(clerk)
    response = client.post("/intake/", {"search": "name", "kana": "アサヒカワ"})
    assert response.status_code == 200 and "1868年5月1日" in page(response)
