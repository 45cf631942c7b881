import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cases.common.identifiers.pension_no import pension_no_display, pension_no_normalize


def test_display_is_four_dash_six():
    assert pension_no_display("1234567890") == "1234-567890"
    assert pension_no_display(None) == ""


def test_input_with_dash_or_full_width_is_accepted():
    assert pension_no_normalize("1234-567890") == "1234567890"
    assert pension_no_normalize("１２３４－５６７８９０") == "1234567890"


@pytest.mark.parametrize("value", ["123456789", "12345678901", "1234-56789a", ""])
def test_malformed_numbers_are_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        pension_no_normalize(value)
    assert "基礎年金番号" in excinfo.value.messages[0]


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_display_and_normalise_round_trip(number):
    assert pension_no_normalize(pension_no_display(number)) == number
