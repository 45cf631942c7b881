"""施行規則 cited in a message (「則3条」, 「則2条の2第1号」) reads "Enforcement Regulations art. …" in English, as
stored citations do (cases/common/citations.py). The walk of 2026-12-08 read "Rule art. 2-2(i)" in the 資格届出's
payment choices and "proviso to Rule 1-4" beside "Enforcement Regulations art. 1-4, proviso" on one page."""

import re

from django.utils import translation

from cases.common.citations import citation_show
from tests.i18n.test_catalogues import CATALOGUES, _entries

REGULATION = re.compile(r"(?<!附)(?<!規)則\d")  # 則1条の4, not 附則 or 施行規則 spelled out


def test_citation_show_words_the_regulations_so():
    with translation.override("en"):
        assert citation_show("則2条の2第1号").startswith("Enforcement Regulations art. 2-2")


def test_every_message_citing_the_regulations_words_them_as_the_citations_do():
    wrong = [
        (po.parts[-5], msgid, msgstr)
        for po in CATALOGUES
        for _flags, msgid, msgstr in _entries(po)
        if REGULATION.search(msgid) and msgstr and "Enforcement Regulations" not in msgstr
    ]
    assert not wrong, "\n".join(f"{app}: {msgid} => {msgstr}" for app, msgid, msgstr in wrong)
