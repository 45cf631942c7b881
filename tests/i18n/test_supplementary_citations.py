"""附則 cited in a message (「国民年金法附則7条の3第1項」, 「平成26年法律第64号附則14条1項」) reads "supplementary
provisions art. …" in English, as stored citations do (cases/common/citations.py). The walk of 2026-12-07
read "Suppl. Provisions art. 7-3(1)", "Supplementary Provisions art. 9-2-3", "Suppl. art. 5(1)(i)" and
"supplementary art. 21" across the catalogues; "supplementary provisions" was the spelling most used
(22 of 40 in the catalogues), so it is the one."""

import re

import pytest
from django.utils import translation

from cases.common.citations import citation_show
from tests.i18n.test_catalogues import CATALOGUES, _entries

SUPPLEMENTARY = re.compile(r"附則\d")  # a citation, not 「改正附則の原文」
SPELLING = "supplementary provisions art."
# Any other way of writing it: an abbreviation, capitals, or "supplementary" without "provisions".
OTHER = re.compile(r"Suppl|suppl\.|supplementary (?!provisions\b)|[Ss]upplementary [Pp]rov\.")


@pytest.mark.parametrize(
    ("stored", "english"),
    [
        ("法附則5条1項1号", "National Pension Act, supplementary provisions art. 5(1)(i)"),
        ("平16法附則23条1項ただし書", "2004 Amendment Act, supplementary provisions art. 23(1) proviso"),
        ("昭60法附則20条1項", "1985 Amendment Act, supplementary provisions art. 20(1)"),
    ],
)
def test_citation_show_words_the_supplementary_provisions_so(stored, english):
    with translation.override("en"):
        assert citation_show(stored) == english


def test_every_message_citing_supplementary_provisions_spells_them_one_way():
    wrong = [
        (po.parts[-5], msgid, msgstr)
        for po in CATALOGUES
        for _flags, msgid, msgstr in _entries(po)
        if msgstr and (OTHER.search(msgstr) or (SUPPLEMENTARY.search(msgid) and SPELLING not in msgstr))
    ]
    assert not wrong, "\n".join(f"{app}: {msgid} => {msgstr}" for app, msgid, msgstr in wrong)
