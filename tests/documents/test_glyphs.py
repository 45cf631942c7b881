"""A character the documents' fonts cannot print is found before printing, never printed as a box."""

import pytest

from documents.glyphs import glyphs_missing, glyphs_missing_message
from documents.rendering import render_pdf
from tests.documents.conftest import pdf_text
from tests.documents.test_rendering import TEMPLATES, embedded_fonts

YOSHI = "\U00020bb7"  # 𠮷 (つちよし): not in IPAex, in IPAmj明朝
KATSURA_IVS = "葛\U000e0100"  # 葛 + IVS selector: IPAex has this sequence
NO_FONT = "\U00030000"  # CJK Ext G: in neither font


def test_ipaex_alone_lacks_yoshi_and_the_fallback_font_has_it():
    assert glyphs_missing(f"{YOSHI}田 花子", families=["IPAexGothic"]) == ["𠮷 (U+20BB7)"]
    assert glyphs_missing(f"{YOSHI}田 花子") == []


def test_an_ivs_sequence_is_checked_against_the_font_of_its_base_character():
    assert glyphs_missing(f"{KATSURA_IVS}城") == []
    assert glyphs_missing("葛\U000e0105城") == ["葛\U000e0105 (U+845B U+E0105)"]


def test_a_character_no_installed_font_has_is_named_once_with_its_code_point():
    assert glyphs_missing(f"{NO_FONT}田 {NO_FONT}子") == ["\U00030000 (U+30000)"]
    assert (
        glyphs_missing_message("旭 太郎", f"{NO_FONT}田")
        == "帳票のフォントにない文字があります: \U00030000 (U+30000)"
    )
    assert glyphs_missing_message("旭 太郎") == ""


def test_a_receipt_for_yoshida_prints_every_character_from_an_embedded_japanese_font():
    template, context, _expected = TEMPLATES["receipt"]
    applicant = {**context["applicant"], "name": f"{YOSHI}田 花子", "address": f"{KATSURA_IVS}城市1番地"}
    rendered = render_pdf(template=template, context={**context, "applicant": applicant})

    assert embedded_fonts(rendered.pdf) == {"IPAexGothic", "IPAmjMincho"}
    text = pdf_text(rendered.pdf)
    assert f"{YOSHI}田花子" in text
    assert glyphs_missing(text, families=["IPAexGothic", "IPAmjMincho"]) == []


@pytest.mark.django_db
def test_the_case_page_warns_of_a_name_no_font_can_print(client, clerk, intake_case):
    resident = intake_case.resident
    resident.kanji_name = f"{NO_FONT}田 花子"
    resident.save(update_fields=["kanji_name"])
    client.force_login(clerk)

    page = client.get(f"/cases/{intake_case.pk}/").content.decode()

    assert "帳票のフォントにない文字があります: \U00030000 (U+30000)" in page
