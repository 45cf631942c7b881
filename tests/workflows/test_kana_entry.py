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


@pytest.mark.django_db
def test_the_input_screen_stores_katakana_and_refuses_kanji_changing_nothing(
    client, clerk, django_capture_on_commit_callbacks
):
    from tests.factories import applicant_with_household
    from tests.workflows import helpers as h

    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    task = h._take(case, "enter_data", clerk)
    start, end = h.current_period()
    data = {
        "kind_1": "full",
        "period_start": start.strftime("%Y-%m"),
        "period_end": end.strftime("%Y-%m"),
        "declared_kanji_name": "旭 太郎",
        "declared_birth_date": "平成7年6月15日",
        "declared_address": "旭川市7条通9丁目48番地",
        "householder": "",
        "household_confirmed": "on",
    }
    client.force_login(clerk)
    refused = client.post(f"/desk/tasks/{task.pk}/", {**data, "declared_kana_name": "旭 たろう"})
    assert refused.status_code == 200
    assert "氏名 (カナ) はカタカナで入力してください" in refused.content.decode()
    case.exemption.refresh_from_db()
    assert case.exemption.declared_kana_name != "旭 たろう"
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(f"/desk/tasks/{task.pk}/", {**data, "declared_kana_name": "あさひ　たろう"})
    assert taken.status_code == 302
    case.exemption.refresh_from_db()
    assert case.exemption.declared_kana_name == "アサヒ　タロウ"
