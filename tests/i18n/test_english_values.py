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
