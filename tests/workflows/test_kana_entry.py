"""カナ fields (the counter walk, finding 3): 氏名 (カナ) stored 「たかはし　いちろう」 as typed and printed it as
the 届書's フリガナ; kanji and Latin letters were taken as well."""

import pytest

from workflows.forms.exemption import InputForm
from workflows.forms.search import ApplicantSearchForm, CaseSearchForm


def refusal(field, typed: str) -> str:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    return refused.value.messages[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("たかはし　いちろう", "タカハシ　イチロウ"),
        ("ﾖｼﾀﾞ ﾊﾅｺ", "ヨシダ ハナコ"),
        ("ヴァン・デル・ヴェーク", "ヴァン・デル・ヴェーク"),
        ("すずき ゔぃ", "スズキ ヴィ"),
    ],
)
def test_the_declared_kana_name_is_stored_in_katakana(typed, stored):
    assert InputForm.base_fields["declared_kana_name"].clean(typed) == stored


@pytest.mark.parametrize("typed", ["高橋　いちろう", "Takahashi Ichiro", "タカハシ1", "ＴＡＫＡＨＡＳＨＩ"])
def test_anything_else_than_kana_is_refused_naming_the_field(typed):
    message = refusal(InputForm.base_fields["declared_kana_name"], typed)
    assert "氏名 (カナ) はカタカナで入力してください" in message


@pytest.mark.parametrize("form_class", [ApplicantSearchForm, CaseSearchForm])
def test_the_search_kana_boxes_take_hiragana_and_refuse_kanji(form_class):
    assert form_class({"kana": "たかはし"}).is_valid()
    form = form_class({"kana": "高橋"})
    assert not form.is_valid()
    assert "カナ氏名" in form.errors["kana"][0] and "カタカナで入力してください" in form.errors["kana"][0]
