"""Every record item the assessment lists (別添1) has a real column with that Japanese name."""

import pytest
from django.apps import apps

ITEMS = {
    "cases.Resident": "宛名番号 カナ氏名 漢字氏名 生年月日 性別 世帯番号 世帯主 続柄 現住所 前住所 転入前住所 転出先住所 住定日 消除日 異動日 異動事由 国籍",
    "cases.PensionRecord": "基礎年金番号 宛名番号 電話番号 旧年金番号 特記情報",
    "cases.MyNumber": "暗号文 照合用ハッシュ",
    "cases.Qualification": "基礎年金番号 被保険者種別 資格取得日 資格取得届出日 資格取得理由 資格喪失日 資格喪失届出日 資格喪失理由 高齢任意加入",
    "cases.AdditionalPension": "付加種別 付加加入日 付加加入届出日 付加脱退日 付加脱退届出日",
    "cases.Exemption": "基礎年金番号 受付日 免除種類 免除該当日 免除該当理由 免除終了日 免除消滅理由 送付日 判定結果 判定日 法定免除 法定免除コード 整理番号 学生卒業予定年月",
    "cases.IncomeRecord": (
        "個人コード 賦課年度 世帯番号 市民税更正日 前年所得額 本人障害者 本人寡婦 一般控除対象配偶者 老人控除対象配偶者 "
        "一般扶養親族数 老人扶養親族数 特定扶養親族数 寡婦(夫)控除 寡婦特別控除 障害者控除人数 障害者控除 特別障害者控除人数 "
        "特別障害者控除 勤労学生控除 雑損控除 医療費控除 社会保険料控除 小規模企業共済等掛金控除 配偶者特別控除 純損失及び雑損失 "
        "ひとり親控除 特定親族特別控除"
    ),
}


@pytest.mark.parametrize("model_label, items", ITEMS.items())
def test_every_assessment_item_is_a_column(model_label, items):
    model = apps.get_model(model_label)
    names = {str(field.verbose_name) for field in model._meta.get_fields() if hasattr(field, "verbose_name")}
    missing = [item for item in items.split() if item not in names]
    assert not missing, f"{model_label} lacks {missing}"


def test_models_have_japanese_names():
    for model in apps.get_app_config("cases").get_models():
        name = str(model._meta.verbose_name)
        assert any(ord(ch) > 0x3000 for ch in name), f"{model.__name__} has no Japanese verbose_name"


def test_codes_are_choices_not_free_text():
    from cases.registry.models.pension import Exemption, Qualification
    from cases.registry.models.residents import Resident

    assert Resident._meta.get_field("change_reason").choices
    assert Qualification._meta.get_field("insured_kind").choices
    assert Exemption._meta.get_field("kind").choices
    assert Exemption._meta.get_field("decision").choices
