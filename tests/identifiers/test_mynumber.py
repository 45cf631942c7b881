import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cases.common.identifiers.mynumber import (
    mynumber_check_digit,
    mynumber_is_valid,
    mynumber_masked,
    mynumber_normalize,
)


def test_reference_vector_from_the_ordinance_formula():
    # domain.md §5.1: base 12345678901 → weighted sum 212, 212 mod 11 = 3 → check digit 8
    assert mynumber_check_digit("12345678901") == 8
    assert mynumber_normalize("123456789018") == "123456789018"


@pytest.mark.parametrize(
    "base, expected",
    [("00000000000", 0), ("00000000001", 9), ("00000000006", 0), ("10000000000", 5)],
)
def test_remainders_zero_and_one_give_check_digit_zero(base, expected):
    # 0*…+1*2=2 → 11-2=9; 6*2=12 → 12 mod 11 = 1 → 0; 1*6=6 → 11-6=5
    assert mynumber_check_digit(base) == expected


def test_full_width_and_separators_are_accepted():
    assert mynumber_normalize("１２３４ ５６７８ ９０１８") == "123456789018"
    assert mynumber_normalize("1234-5678-9018") == "123456789018"


def test_wrong_check_digit_is_rejected_with_a_japanese_message():
    with pytest.raises(ValidationError) as excinfo:
        mynumber_normalize("123456789017")
    assert "検査用数字" in excinfo.value.messages[0]


@pytest.mark.parametrize("value", ["", "12345678901", "1234567890189", "12345678901a", "１２３"])
def test_wrong_length_or_characters_are_rejected(value):
    with pytest.raises(ValidationError) as excinfo:
        mynumber_normalize(value)
    assert "12桁" in excinfo.value.messages[0]


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_every_base_has_exactly_one_valid_check_digit(base):
    valid = [d for d in range(10) if mynumber_is_valid(base + str(d))]
    assert valid == [mynumber_check_digit(base)]


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(1, 9))
def test_a_typo_in_the_check_digit_is_always_caught(base, delta):
    number = base + str(mynumber_check_digit(base))
    assert not mynumber_is_valid(number[:11] + str((int(number[11]) + delta) % 10))


def test_remainders_zero_and_one_share_check_digit_zero_as_the_ordinance_says():
    # The formula maps r ≤ 1 to 0, so these two numbers differ in one base digit and are both valid:
    # the check digit catches most typos, not all, and identity is proven by 本人確認, not the digit.
    assert mynumber_is_valid("000000000000")
    assert mynumber_is_valid("000000000060")


def test_masked_display_shows_no_digit():
    assert not any(ch.isdigit() for ch in mynumber_masked(True))
    assert mynumber_masked(False) == "未登録"


def test_masked_display_says_not_registered_in_the_screen_language():
    """An English resident page read 「未登録」 without a lang of its own, so a screen reader spoke it with
    English rules (JIS X 8341-3:2016 / WCAG 2.0 3.1.2; found by the accessibility walk, docs/decisions.md §48)."""
    from django.utils import translation

    with translation.override("en"):
        assert mynumber_masked(False) == "Not registered"
