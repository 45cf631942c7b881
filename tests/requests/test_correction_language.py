"""訂正請求 on an English screen: which record and which field were corrected, and a value that is a code's
label (被保険者種別), are the system's words and are shown in the reader's language on the resident page,
the request's panel and the timeline (cases/common/texts.py). They were stored worded in Japanese and
stayed Japanese on English screens. A value that is the person's own data stays exactly as stored; the
disclosure report (a document the resident receives) keeps the Japanese."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.pension import PensionRecord, Qualification
from documents.disclosure_records import _corrections
from tests.requests.conftest import open_task, take_request, work

pytestmark = pytest.mark.django_db

JAPANESE = ("資格情報 (", "被保険者種別", "第1号被保険者", "第3号被保険者")


def _english(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _english_words(*message_ids: str) -> list[str]:
    with translation.override("en"):
        return [translation.gettext(message_id) for message_id in message_ids]


def _corrected(client, clerk, supervisor, person, field: str, record: str, value: str):
    case = take_request(client, clerk, person, "correction", content="記録が違う")
    target = f"{record}|{field}"
    work(client, clerk, case, "respond", {"decision": "grant", "target": target, "new_value": value})
    return case


def test_the_corrected_record_field_and_code_values_are_in_english_on_the_panel_and_resident_page(
    client, clerk, supervisor, person
):
    qualification = Qualification.objects.get(pension__resident=person)
    case = _corrected(
        client, clerk, supervisor, person, "insured_kind", f"qualification:{qualification.pk}", "3"
    )
    words = _english_words("資格情報", "被保険者種別", "第1号被保険者", "第3号被保険者")
    assert all(word.isascii() for word in words)

    panel = _english(supervisor, f"/cases/{case.pk}/")  # the request's panel and the timeline
    for japanese in JAPANESE:
        assert japanese not in panel
    for word in words:
        assert word in panel

    work(client, supervisor, case, "approve", {"decision": "approve"})
    page = _english(clerk, f"/residents/{person.pk}/")  # 訂正の履歴
    for japanese in JAPANESE:
        assert japanese not in page
    assert f"{words[0]} ({words[2]} 2015-06-14" in page and words[1] in page
    timeline = _english(clerk, f"/cases/{case.pk}/")
    for japanese in JAPANESE:
        assert japanese not in timeline

    history = RecordCorrection.objects.get(case=case)  # kept for the documents, in Japanese
    assert history.old_value == "1 第1号被保険者" and history.new_value == "3 第3号被保険者"
    with translation.override("en"):  # the disclosure report the resident receives: Japanese
        (printed,) = _corrections(person)
    assert printed["label"] == "資格情報 (第1号被保険者 2015-06-14〜): 被保険者種別"
    assert (printed["old"], printed["new"]) == ("1 第1号被保険者", "3 第3号被保険者")
    with translation.override("ja"):
        # shown with the period in 和暦 (test_correction_period_display.py); kept as printed above
        assert history.label_shown == "資格情報 (第1号被保険者 平成27年6月14日〜): 被保険者種別"
        assert history.old_shown == "1 第1号被保険者"


def test_a_value_that_is_the_persons_own_data_is_shown_as_stored_on_an_english_screen(
    client, clerk, supervisor, person
):
    case = _corrected(client, clerk, supervisor, person, "special_notes", "pension", "旧姓 山田花子")
    (notes,) = _english_words("特記情報")
    panel = _english(supervisor, f"/cases/{case.pk}/")
    assert "旧姓 山田花子" in panel and notes in panel and "特記情報" not in panel
    work(client, supervisor, case, "approve", {"decision": "approve"})
    assert PensionRecord.objects.get(resident=person).special_notes == "旧姓 山田花子"
    page = _english(clerk, f"/residents/{person.pk}/")
    assert "旧姓 山田花子" in page and "特記情報" not in page
    history = RecordCorrection.objects.get(case=case)
    assert history.new_value == "旧姓 山田花子" and history.new_shown == "旧姓 山田花子"


def test_the_respond_screen_names_the_records_fields_and_current_values_in_english(client, clerk, person):
    case = take_request(client, clerk, person, "correction", content="記録が違う")
    page = _english(clerk, f"/desk/tasks/{open_task(case, 'respond').pk}/")
    record, kind, acquired = _english_words("資格情報", "第1号被保険者", "資格取得日")
    assert f"{record} ({kind} 2015-06-14" in page and f"{acquired} (2015-06-14" in page
    for japanese in (*JAPANESE, "年金基本情報", "平成27年6月14日", "(空欄)"):
        assert japanese not in page


def test_the_refusal_of_a_value_changed_after_handling_names_it_in_english(client, clerk, supervisor, person):
    """The 決裁's refusal (correction_apply: the value changed after 対応) names the field and the value as it
    stands in the reader's language; it said 「2015-06-20 (平成27年6月20日)」 on an English screen."""
    case = take_request(client, clerk, person, "correction")
    target = f"qualification:{Qualification.objects.get(pension__resident=person).pk}|acquired_on"
    work(client, clerk, case, "respond", {"decision": "grant", "target": target, "new_value": "2015-07-01"})
    Qualification.objects.filter(pension__resident=person).update(acquired_on="2015-06-20")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = work(client, supervisor, case, "approve", {"decision": "approve"}).content.decode()
    [acquired] = _english_words("資格取得日")
    assert acquired in page
    assert "2015-06-20" in page and "平成27年6月20日" not in page
