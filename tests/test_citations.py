"""Legal citations on English screens (cases/common/citations.py): the shorthand the rules store, worded."""

import pytest
from django.utils import translation

from cases.common.citations import citation_show


@pytest.mark.parametrize(
    ("stored", "english"),
    [
        ("法9条1号, 則4条", "National Pension Act art. 9(i), Enforcement Regulations art. 4"),
        (
            "法11条の2, 法9条5号かっこ書, 則6条の2",
            "National Pension Act art. 11-2, National Pension Act art. 9(v) (parenthetical), "
            "Enforcement Regulations art. 6-2",
        ),
        ("平16法附則23条1項ただし書", "2004 Amendment Act, supplementary provisions art. 23(1) proviso"),
        ("法12条5項・6項", "National Pension Act art. 12(5), (6)"),
        ("法附則5条6項1号・7項", "National Pension Act, supplementary provisions art. 5(6)(i), (7)"),
        ("令1条の2第1号", "Enforcement Order art. 1-2(i)"),
        (
            "法87条の2第1項 (平26法附則14条3項 (法90条の3とみなす))",
            "National Pension Act art. 87-2(1) (2014 Amendment Act, supplementary provisions art. 14(3) "
            "(deemed: National Pension Act art. 90-3))",
        ),
        (
            "法87条の2第1項 (平16法附則19条4項・平26法附則14条3項 (法90条の3とみなす))",
            "National Pension Act art. 87-2(1) (2004 Amendment Act, supplementary provisions art. 19(4), 2014 Amendment Act, "
            "supplementary provisions art. 14(3) (deemed: National Pension Act art. 90-3))",
        ),
        ("民法140条", "Civil Code art. 140"),
    ],
)
def test_a_citation_is_worded_on_english_screens_and_kept_on_japanese_ones(stored, english):
    with translation.override("en"):
        assert citation_show(stored) == english
    with translation.override("ja"):
        assert citation_show(stored) == stored


@pytest.mark.parametrize(
    ("function", "articles"),
    [
        ("cases.disability.contribution._counts", ("法30条1項ただし書", "法90条2項")),
        ("cases.disability.rules.age20_reached", ("法30条の4", "年齢計算ニ関スル法律")),
        ("cases.disability.rules.current_on_check", ("則31条",)),
        ("cases.exemption.periods.applied_period_validate", ("法91条", "法102条4項")),
    ],
)
def test_the_rule_functions_cite_their_articles(function, articles):
    """Every rule cites its article: 法30条1項ただし書 / 法90条2項 (settled before the 初診日), 法30条の4 with
    年齢計算ニ関スル法律 (20歳到達日), 則31条 (the 診断書's 現症日), 法91条 + 法102条4項 (2年1か月)."""
    import importlib

    module, name = function.rsplit(".", 1)
    doc = getattr(importlib.import_module(module), name).__doc__ or ""
    for article in articles:
        assert article in doc, (function, article)
