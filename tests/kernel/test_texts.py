"""Issue 14 §5: timeline and 突合 sentences are stored as codes with parameters and worded in the
screen's language; the rows written before (whole Japanese sentences) are read back into codes by
migration 0017."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from cases.common.texts import text_render
from cases.kernel.models import CaseEvent
from cases.submission.models import Discrepancy
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("cases.migrations.0021_i14_desk")

# (action, sentence as the code wrote it before issue 14, what the timeline shows now in Japanese: the
# same words, dates in 和暦 as everywhere on screen, and the typed part on its own line)
OLD_EVENTS = [
    (
        "escalated",
        "決裁待ちが5業務日になりました (基準 3業務日)。",
        "決裁待ちが5業務日になりました (基準 3業務日)。",
    ),
    (
        "documents_reminded",
        "書類の提出期限 (2026-04-10) を過ぎました。申請者へ連絡してください。",
        "書類の提出期限 (令和8年4月10日) を過ぎました。申請者へ連絡してください。",
    ),
    ("identity_verified", "マイナンバーカード", "本人確認書類: マイナンバーカード"),
    (
        "documents_requested",
        "提示: 通知カード。期限 2026-04-10。写真付きの書類を持参",
        "提示: 通知カード。提出期限 令和8年4月10日。\n写真付きの書類を持参",
    ),
    ("documents_requested", "期限 2026-04-10。", "提出期限 令和8年4月10日。"),
    (
        "checklist",
        "診断書: 依頼中 (期限 2026-04-20)。病院へ依頼済",
        "診断書: 依頼中 (期限 令和8年4月20日)\n病院へ依頼済",
    ),
    ("claimed", "照合", "作業: 照合"),
    ("reassigned", "照合 → 佐藤 花子。休暇のため", "作業: 照合 → 佐藤 花子\n休暇のため"),
    (
        "received",
        "請求者: 代理人 旭 太郎 (法定代理人)。本人確認: 運転免許証。",
        "請求者: 代理人 旭 太郎 (法定代理人)。本人確認: 運転免許証。",
    ),
    (
        "request_handled",
        "請求に応じない: 保有していない\n確認済み",
        "請求に応じない: 保有していない\n確認済み",
    ),
    ("answered", "回答日 2026-04-03。開示した", "回答日 令和8年4月3日。\n開示した"),
    ("report_issued", "帳票番号 12 (個人番号は記載なし)", "帳票番号 12 (個人番号は記載なし)"),
    (
        "income_attached",
        "2025年度 住民税所得を添付 (2名) 未申告: 旭 一郎",
        "令和7年度 住民税所得を添付 (2名) 未申告: 旭 一郎",
    ),
    ("bundled", "送付 2026-W14 (締切 2026-04-03 15:00)", "送付 2026-W14 (締切 令和8年4月3日 15:00)"),
    (
        "unbundled",
        "送付 2026-W14 から除外 (次回の送付に回します)。理由: 住所変更の確認待ち",
        "送付 2026-W14 から除外 (次回の送付に回します)。\n住所変更の確認待ち",
    ),
    (
        "handed_over",
        "送付 2026-W14 を令和8年4月6日に旭川年金事務所へ送付",
        "送付 2026-W14 を令和8年4月6日に旭川年金事務所へ送付",
    ),
    ("sent", "送付 2026-W14 (封緘)", "送付 2026-W14 (封緘)"),
    (
        "result",
        "承認 (判定日 2026-05-01) 全額免除 2026-04〜2027-03",
        "承認 (判定日 令和8年5月1日) 全額免除 令和8年4月〜令和9年3月",
    ),
    (
        "returned",
        "日本年金機構から返戻: 返戻 (判定日 2026-05-01) 理由: 添付書類の不足",
        # 「…から返戻: 返戻 …」 said 返戻 twice (exploratory test 2026-12-06).
        "日本年金機構の処理結果: 返戻 (判定日 令和8年5月1日) 理由: 添付書類の不足",
    ),
]
# (kind, sentence as written before, what the queue shows now: months in 和暦 as every month on screen)
DIFFERS_BEFORE = (
    "2026-000001: 免除種類 申請 全額免除 → 承認 半額免除、期間 申請 2026-04〜2027-03 → 承認 2026-07〜2027-03"
)
DIFFERS_NOW = (
    "2026-000001: 免除種類 申請 全額免除 → 承認 半額免除、"
    "期間 申請 令和8年4月〜令和9年3月 → 承認 令和8年7月〜令和9年3月"
)
OLD_DISCREPANCIES = [
    ("unmatched_line", "3行目: 整理番号「2020-999999」の案件がありません", None),
    ("unmatched_line", "4行目: 案件 2026-000001 は送付済ではありません (段階: 決裁)", None),
    ("missing_result", "送付 2026-W14 の案件 2026-000001 の結果が kekka.csv にありません", None),
    ("differs", DIFFERS_BEFORE, DIFFERS_NOW),
    ("returned", "2026-000001: 添付書類の不足", None),
]


@pytest.fixture
def case(clerk):
    applicant, _spouse = applicant_with_household()
    return h.start_case(clerk=clerk, resident=applicant)


def test_rows_written_as_sentences_become_codes_that_read_the_same_in_japanese_with_dates_in_wareki(case):
    events = [
        CaseEvent.objects.create(case=case, action=action, comment=sentence)
        for action, sentence, _ in OLD_EVENTS
    ]
    items = [
        Discrepancy.objects.create(kind=kind, case=case, detail=detail)
        for kind, detail, _ in OLD_DISCREPANCIES
    ]
    MIGRATION.texts_from_sentences(apps, None)
    for event, (action, sentence, shown) in zip(events, OLD_EVENTS, strict=True):
        event.refresh_from_db()
        assert event.text_code, f"{action}: {sentence!r} was not read"
        assert event.text == shown
    for item, (_kind, detail, shown) in zip(items, OLD_DISCREPANCIES, strict=True):
        item.refresh_from_db()
        assert item.text_code and not item.detail
        assert item.text == (shown or detail)
    differs = Discrepancy.objects.get(kind="differs")
    with translation.override("en"):
        english = differs.text
    assert "全額免除" not in english and "2026-07 (R8)" in english


def test_a_sentence_no_pattern_reads_is_kept_as_it_was(case):
    odd = CaseEvent.objects.create(case=case, action="escalated", comment="手で書き換えられた文")
    MIGRATION.texts_from_sentences(apps, None)
    odd.refresh_from_db()
    assert (odd.text_code, odd.comment, odd.text) == ("", "手で書き換えられた文", "手で書き換えられた文")


def test_going_back_writes_the_japanese_sentences_again(case):
    event = CaseEvent.objects.create(case=case, action="sent", comment="送付 2026-W14 (封緘)")
    MIGRATION.texts_from_sentences(apps, None)
    MIGRATION.sentences_from_texts(apps, None)
    event.refresh_from_db()
    assert event.comment == "送付 2026-W14 (封緘)"


def test_the_income_sentence_gives_its_year_in_wareki_and_survives_going_back_and_forth(case):
    """The 年度 of the income attached (施行令6条の7: the previous year's income) reads 令和 beside the
    timeline's 令和 days; written back as a sentence and read again, it keeps its code and year."""
    event = CaseEvent.objects.create(
        case=case, action="income_attached", comment="2019年度 住民税所得を添付 (1名)"
    )
    MIGRATION.texts_from_sentences(apps, None)
    event.refresh_from_db()
    assert event.text == "令和元年度 住民税所得を添付 (1名)"
    with translation.override("en"):
        assert event.text == "Municipal tax income of FY2019 attached (people: 1)"
    MIGRATION.sentences_from_texts(apps, None)
    event.refresh_from_db()
    assert event.comment == "令和元年度 住民税所得を添付 (1名)"
    event.text_code, event.text_params = "", {}
    event.save()
    MIGRATION.texts_from_sentences(apps, None)
    event.refresh_from_db()
    assert (event.text_code, event.text_params) == ("income_attached", {"year": "2019", "people": "1"})


def test_a_return_read_back_from_its_newer_wording_keeps_its_code(case):
    event = CaseEvent.objects.create(
        case=case,
        action="returned",
        comment="日本年金機構の処理結果: 返戻 (判定日 2026-05-01) 理由: 署名漏れ",
    )
    MIGRATION.texts_from_sentences(apps, None)
    event.refresh_from_db()
    assert event.text_code == "returned" and event.text == (
        "日本年金機構の処理結果: 返戻 (判定日 令和8年5月1日) 理由: 署名漏れ"
    )


def test_the_timeline_of_a_real_case_reads_in_english_on_an_english_screen(clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk, documents=["notification_card"])
    requested = case.events.get(action="documents_requested")
    assert requested.text_code == "documents_requested_shown"
    assert "通知カード" in requested.text
    with translation.override("en"):
        assert "通知カード" not in requested.text and "Notification" in requested.text


def test_an_unknown_code_shows_its_values_rather_than_failing():
    assert text_render("no_such_code", {"bundle": "2026-W14"}) == "bundle=2026-W14"


def test_a_label_is_stored_in_japanese_whatever_the_screen_language_of_the_person_who_acted():
    """A 取下げ recorded by a clerk on an English screen: the stored parameter is the label's Japanese
    message id, so the row reads in each reader's language (and not in the writer's)."""
    from cases.kernel import texts
    from cases.kernel.stages import Stage

    with translation.override("en"):
        stored = texts.WITHDRAWN(stage=Stage.INPUT.label)
    assert stored.params == {"stage": "入力"}
    with translation.override("en"):
        assert stored.render() == text_render("withdrawn", {"stage": "入力"}) != "入力の段階で取下げ"
    assert stored.render() == "入力の段階で取下げ"
