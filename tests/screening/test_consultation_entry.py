"""/consultation/ (counter walk): the cursor starts in the first field (and in the first bad one after a
refusal: the page's form carries data-autofocus, desk.js), a refused box is outlined (has-error around
it, aria-invalid on it), and money is read in the spellings people use: ¥ / 円, commas, spaces,
full-width digits, and 万 (「120万」 = 1,200,000; 「120万5000」 = 1,205,000)."""

import re

import pytest

from cases.exemption.forms import YenField
from tests.screening.test_consultation_view import URL, form_data

pytestmark = pytest.mark.usefixtures("screening_rules")


@pytest.mark.parametrize(
    ("typed", "yen"),
    [
        ("¥1,200,000", 1_200_000),
        ("￥1,200,000", 1_200_000),
        ("1 200 000", 1_200_000),
        ("1\u3000200\u00a0000", 1_200_000),
        ("１２０万円", 1_200_000),
        ("120万", 1_200_000),
        ("120万5000円", 1_205_000),
        ("1,200,000円", 1_200_000),
        ("0", 0),
    ],
)
def test_money_is_read_in_the_common_spellings(typed, yen):
    assert YenField(required=False).clean(typed) == yen


@pytest.mark.parametrize("typed", ["abc", "-5", "1.5", "万", "120万12345", "1,2,3万万"])
def test_what_is_not_an_amount_is_still_refused(typed):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        YenField(required=False).clean(typed)


def test_the_form_starts_the_cursor_in_its_first_field(client, clerk):
    client.force_login(clerk)
    body = client.get(URL).content.decode()
    assert re.search(r"<form[^>]*data-autofocus", body)


def test_a_refused_amount_is_outlined_and_the_cursor_can_find_it(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(applicant_income="abc")).content.decode()
    assert re.search(r"<form[^>]*data-autofocus", body)
    box = re.search(r'<input[^>]*name="applicant_income"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in box
    before = body.split(box, 1)[0]
    wrapper = before[before.rfind("<div") :]
    assert "has-error" in wrapper.split(">", 1)[0]


def test_a_refused_top_field_is_outlined_too(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(age="x")).content.decode()
    box = re.search(r'<input[^>]*name="age"[^>]*>', body).group(0)
    before = body.split(box, 1)[0]
    assert "has-error" in before[before.rfind("<div") :].split(">", 1)[0]
