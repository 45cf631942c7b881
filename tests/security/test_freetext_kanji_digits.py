"""A 個人番号 written in kanji numerals (the privacy inspector's walk: 「番号は二一〇九六〇四〇一一一〇です」 was
saved in a 備考). PIA III-3: 番号利用事務以外で個人番号が取得されないように. Twelve kanji digits in a row —
with the separators the ASCII rule tolerates — are refused like 12 ASCII digits; ordinary Japanese with
kanji numbers (dates, years, addresses, counts) still passes."""

import pytest
from django.core.exceptions import ValidationError

from cases.common.freetext import FreeTextField, contains_mynumber_like, redact_mynumber_like

NUMBERS = [
    "番号は二一〇九六〇四〇一一一〇です",
    "番号 二一〇九 六〇四〇 一一一〇",
    "番号 二一〇九－六〇四〇－一一一〇",
    "番号 二一〇九・六〇四〇・一一一〇",
    "番号 二一〇九　六〇四〇　一一一〇",  # ideographic spaces
    "番号 2109 六〇四〇 1110",  # mixed with digits
    "番号は弐壱零九六零四零壱壱壱零です",  # 大字
]
ORDINARY = [
    "令和八年十一月二十六日に来庁",
    "二〇二六年四月から免除を希望",
    "二〇二六年 二〇二七年 の二年度分",
    "一条通二丁目 三番地",
    "旭川市一条通二丁目三番地 四号室",
    "一人暮らし、三十五歳、二月一日に離職",
    "一一〇番通報あり",
    "第三号被保険者から第一号へ",
    "参考資料を参照、一部を添付",
    "平成三十一年四月三十日 令和元年五月一日",
]


@pytest.mark.parametrize("text", NUMBERS)
def test_twelve_kanji_digits_are_a_number(text):
    assert contains_mynumber_like(text)
    with pytest.raises(ValidationError):
        FreeTextField().clean(text)
    assert "[個人番号?]" in redact_mynumber_like(text)


@pytest.mark.parametrize("text", ORDINARY)
def test_kanji_numbers_in_ordinary_remarks_pass(text):
    assert not contains_mynumber_like(text)
    assert FreeTextField().clean(text) == text
    assert redact_mynumber_like(text) == text


def test_redaction_keeps_the_text_around_the_number():
    assert redact_mynumber_like("番号は二一〇九六〇四〇一一一〇です") == "番号は[個人番号?]です"
