"""The 「要確認」 shown when a 付加 payer withdraws while under an exemption named "§3.4" — a section of the
developers' rule sheet, meaningless at the counter (the walk of 2026-12-08). It names the article instead:
法87条の2第1項 leaves a person under 法89条1項, 90条1項, 90条の2, 90条の3 (or a 基金 member) out of 付加."""

from django.utils import translation

from cases.qualification import texts
from tests.i18n.test_catalogues import CATALOGUES, _entries


def test_ho87no2_1_the_additional_exemption_doubt_names_its_article_in_both_languages():
    doubt = texts.DOUBT_ADDITIONAL_EXEMPTION()
    with translation.override("ja"):
        shown = str(doubt)
    assert "法87条の2第1項" in shown and "§" not in shown
    with translation.override("en"):
        shown = str(doubt)
    assert "art. 87-2(1)" in shown and "§" not in shown


def test_no_message_points_staff_to_a_section_of_the_rule_sheet():
    cited = [msgid for po in CATALOGUES for _f, msgid, _s in _entries(po) if "§" in msgid]
    assert not cited, cited
