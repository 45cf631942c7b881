"""The bulk helpers the import uses agree with the one-at-a-time functions they stand in for."""

import hashlib
import hmac

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.common.identifiers.mynumber import mynumber_check_digit, mynumber_is_valid
from cases.registry.imports.columns import MyNumberColumn
from cases.registry.imports.residents import normalized_each
from cases.registry.mynumber import mynumber_sealed_fields, mynumber_sealed_fields_many
from cases.security.crypto import (
    DecryptionError,
    mynumber_decrypt,
    mynumber_lookup_hash,
    mynumber_lookup_hashes,
    mynumber_seal_many,
)


def _valid(base: str) -> str:
    return base + str(mynumber_check_digit(base))


def test_bulk_sealing_matches_the_single_service():
    pairs = [(_valid(f"{n:011d}"), f"{1000 + n}") for n in range(0, 50, 7)]

    bulk = list(mynumber_sealed_fields_many(pairs))

    for (number, atena_no), (ciphertext, key_id, lookup_hash) in zip(pairs, bulk, strict=True):
        single = mynumber_sealed_fields(number=number, atena_no=atena_no)
        assert key_id == single["key_id"]
        assert lookup_hash == single["lookup_hash"] == mynumber_lookup_hash(number)
        assert ciphertext != single["ciphertext"]  # fresh nonce every time
        assert mynumber_decrypt(ciphertext=ciphertext, atena_no=atena_no) == number
        assert number not in ciphertext


def test_a_bulk_ciphertext_is_bound_to_its_atena_number():
    ((ciphertext, _key_id, _hash),) = mynumber_seal_many([(_valid("12345678901"), "1001")])

    with pytest.raises(DecryptionError, match="別の宛名"):
        mynumber_decrypt(ciphertext=ciphertext, atena_no="1002")


def test_given_lookup_hashes_are_used_as_they_are():
    pairs = [(_valid("12345678901"), "1001"), (_valid("10987654321"), "1002")]
    hashes = list(mynumber_lookup_hashes(number for number, _atena in pairs))

    sealed = list(mynumber_sealed_fields_many(pairs, lookup_hashes=hashes))

    assert [lookup_hash for _c, _k, lookup_hash in sealed] == hashes
    assert [
        mynumber_decrypt(ciphertext=c, atena_no=a) for (c, _k, _h), (_n, a) in zip(sealed, pairs, strict=True)
    ] == [number for number, _atena in pairs]


def test_bulk_lookup_hashes_match():
    numbers = [_valid(f"{n:011d}") for n in (1, 22, 333)]

    assert list(mynumber_lookup_hashes(numbers)) == [mynumber_lookup_hash(n) for n in numbers]


@settings(max_examples=300)
@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_the_fast_check_digit_test_agrees_with_mynumber_normalize(value):
    column = MyNumberColumn("個人番号", "mynumber")

    accepted_fast = column.fast([value]) is not None

    assert accepted_fast == mynumber_is_valid(value)


NAMES = [
    "ｱｻﾋｶﾜ ﾀﾛｳ",
    "ｶﾞｯｺｳ",
    "ﾞ",
    "\u3099あ",
    "",
    "やまだ　はなこ",
    "ヴァイオリン・ショウ",
    "髙橋　﨑子",
    "ＡＢＣ　ｄｅｆ",
    "ｷｮｳｺ",
    "ぱぴぷ",
    "渡邊 齋",
]


def test_normalising_a_whole_column_at_once_matches_one_by_one():
    for function in (normalize_kana, normalize_kanji):
        assert normalized_each(function, NAMES) == [function(name) for name in NAMES]


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\x00")), max_size=20))
def test_normalising_a_column_matches_for_any_text(values):
    for function in (normalize_kana, normalize_kanji):
        assert normalized_each(function, values) == [function(value) for value in values]


@pytest.mark.parametrize("length", [1, 32, 63, 64, 65, 200])
def test_the_bulk_keyed_hash_is_hmac_sha256_for_any_key_length(settings, length):
    """RFC 2104 spelled out on hashlib's states (decision 51) gives hmac's value, a key longer than the
    64-byte block included (hashed first)."""
    settings.MYNUMBER_HASH_KEY = bytes(range(256))[:length]
    numbers = [_valid(f"{n:011d}") for n in (1, 22, 333, 4444)]

    assert list(mynumber_lookup_hashes(numbers)) == [
        hmac.new(settings.MYNUMBER_HASH_KEY, number.encode(), hashlib.sha256).hexdigest()
        for number in numbers
    ]
    sealed = mynumber_seal_many([(number, "1001") for number in numbers])
    assert [lookup_hash for _c, _k, lookup_hash in sealed] == [mynumber_lookup_hash(n) for n in numbers]
