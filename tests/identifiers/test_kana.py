from hypothesis import given
from hypothesis import strategies as st

from cases.common.identifiers.kana import normalize_kana, normalize_kanji


def test_half_width_full_width_and_hiragana_are_the_same():
    assert (
        normalize_kana("ｱｻﾋｶﾜ")
        == normalize_kana("アサヒカワ")
        == normalize_kana("あさひかわ")
        == "アサヒカワ"
    )


def test_small_kana_and_spaces_are_folded():
    assert normalize_kana("キョウコ") == normalize_kana("キヨウコ")
    assert normalize_kana("ﾔﾏﾀﾞ ﾀﾛｳ") == normalize_kana("やまだ　たろう") == "ヤマダタロウ"
    assert normalize_kana("ｶﾞｯｺｳ") == "ガツコウ"


def test_voiced_marks_are_kept():
    assert normalize_kana("ガ") != normalize_kana("カ")


def test_kanji_variants_and_spaces():
    assert normalize_kanji("髙橋　太郎") == normalize_kanji("高橋 太郎") == "高橋太郎"
    assert normalize_kanji("山﨑") == "山崎"


hiragana = st.text(alphabet=[chr(c) for c in range(0x3041, 0x3094)], min_size=1, max_size=20)


@given(hiragana)
def test_hiragana_and_katakana_spellings_normalise_alike(text):
    katakana = "".join(chr(ord(ch) + 0x60) for ch in text)
    assert normalize_kana(text) == normalize_kana(katakana)


@given(st.text(max_size=30))
def test_normalisation_is_idempotent(text):
    once = normalize_kana(text)
    assert normalize_kana(once) == once
