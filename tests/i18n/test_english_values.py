"""Values the English screens showed in Japanese (the English sweep of 2026-12-05): money in 円, the
routing reason of a 障害基礎年金 claim kept in Japanese, 「該当なし」 as a bare "None"."""

import pytest
from django.utils import translation

from cases.common.date_display import yen_show
from cases.templatetags.desk import yen

pytestmark = pytest.mark.django_db


def test_money_is_yen_in_the_screens_language():
    with translation.override("ja"):
        assert yen(218300) == "218,300円" == yen_show("218300")
    with translation.override("en"):
        assert yen(218300) == "¥218,300"
    assert yen(None) == "" == yen("")


def test_a_claims_routing_reason_is_worded_in_the_screens_language(clerk):
    from cases.disability.present import REASONS, claim_display
    from tests.disability import helpers as d
    from tests.factories import PensionRecordFactory

    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    claim = case.disability
    with translation.override("ja"):
        stored = str(REASONS["category1"])
    assert claim.route_reason == stored  # kept in Japanese, as the 送付票 prints it
    with translation.override("en"):
        shown = claim_display(claim)["reason"]
    assert shown != stored and "city" in shown.lower()


def test_not_applicable_is_not_a_bare_none():
    from cases.common.codes import DisabilityStatus, WidowStatus

    with translation.override("en"):
        assert str(DisabilityStatus.NONE.label) == str(WidowStatus.NONE.label) == "Not applicable"


def test_the_access_log_names_every_target_the_desk_writes():
    """The auditor's screen showed raw codes: 作業: receive_filing, qualification_list:1,
    intake_disability, intake_qualification (the English sweep of 2026-12-05, in both languages)."""
    from cases.security.audit_present import target_label

    for target in (
        "task:receive_filing",
        "qualification_list:1",
        "intake_disability",
        "intake_qualification",
    ):
        label = target_label(target)
        assert "_" not in label, label


def test_a_fiscal_year_reads_like_the_months_beside_it():
    """The case header said 申請年度 2026年度 beside 令和8年7月〜令和9年6月 (exploratory test, 2026-12-05)."""
    from cases.common.date_display import fiscal_year_show

    with translation.override("ja"):
        assert fiscal_year_show(2026) == "令和8年度"
    with translation.override("en"):
        assert fiscal_year_show(2026) == "FY2026 (R8)"
    assert fiscal_year_show(None) == ""


def test_the_papers_are_named_in_the_screens_language(client, clerk):
    """The case page's 提出書類 listed every paper in Japanese on English screens (the timeline beside it
    was English). Documents for 機構 keep the Japanese names."""
    from django.conf import settings

    from tests.disability import helpers as d
    from tests.factories import PensionRecordFactory

    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    client.force_login(clerk)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "病歴・就労状況等申立書" not in page and "受診状況等証明書" not in page
    item = case.checklist.get(code="medical_history")
    assert item.label == "病歴・就労状況等申立書"  # kept in Japanese


def test_a_certificates_name_with_its_window_is_worded_in_the_screens_language(clerk):
    """The 診断書 on a claim's checklist is named with the window its 現症日 must fall in (法30条1項, 則31条:
    rules-disability-qualification.md §2.3). English screens showed the stored Japanese name, in the
    checklist, in the message that stops 決裁 and in the timeline; 機構's papers still print it in 和暦."""
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from cases.kernel.checklist import checklist_check, checklist_mark
    from cases.kernel.models import CaseEvent, ChecklistItem
    from tests.disability import helpers as d
    from tests.factories import PensionRecordFactory

    def japanese(text: str) -> bool:
        return any("\u3040" <= c <= "\u9fff" for c in text)

    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    item = case.checklist.get(code="certificate_recognition")
    assert item.label.startswith("診断書 (障害認定日以後3か月以内の現症: ")
    with translation.override("ja"):
        assert item.label_shown == item.label
    with translation.override("en"):
        shown = item.label_shown
        assert shown.startswith("Medical certificate (") and not japanese(shown)
        with pytest.raises(ValidationError) as refused:
            checklist_check(case)
    assert "Medical certificate (" in str(refused.value) and "診断書 (" not in str(refused.value)
    due = timezone.localdate() + dt.timedelta(days=10)
    checklist_mark(case=case, code=item.code, state=ChecklistItem.State.REQUESTED, actor=clerk, due_on=due)
    event = case.events.filter(action=CaseEvent.Action.CHECKLIST).latest("id")
    with translation.override("ja"):
        assert event.text.startswith(item.label)
    with translation.override("en"):
        assert event.text.startswith("Medical certificate (") and not japanese(event.text)


def test_the_migration_gives_certificates_on_file_their_worded_name(clerk):
    import importlib

    from django.apps import apps

    from tests.disability import helpers as d
    from tests.factories import PensionRecordFactory

    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    items = case.checklist.filter(code__startswith="certificate_")
    expected = {item.code: item.label_text for item in items}
    assert expected and all(expected.values())
    items.update(label_text={})
    migration = importlib.import_module("cases.migrations.0026_checklist_label_text")
    migration.label_texts_fill(apps, None)
    assert {item.code: item.label_text for item in items.all()} == expected


def test_the_access_logs_target_and_reason_are_worded_in_the_screens_language():
    """The auditor's screen showed 「対象」 and the refusals' reasons in Japanese on English screens."""
    from cases.security.audit_present import target_label

    with translation.override("en"):
        assert target_label("case_search") == "Case search"
        assert target_label("task:verify_identity").startswith("Task: ")
        assert target_label("x", {"event": "role_revoked"}) == "Role revoked"
    with translation.override("ja"):
        assert target_label("case_search") == "案件の検索"
        assert target_label("task:verify_identity") == "作業: 本人確認"
