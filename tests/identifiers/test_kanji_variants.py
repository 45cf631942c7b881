"""Variant characters in kanji names (the counter walk, finding 7): 「葛城」 did not find 葛󠄀城 (an IVS
selector after 葛) and 「吉田」 did not find 𠮷田 (つちよし), while 髙→高 and 﨑→崎 were folded."""

import pytest

from cases.common.identifiers.kana import normalize_kanji
from cases.registry.imports.residents import normalized_each
from cases.registry.selectors.residents import residents_search
from tests.factories import ResidentFactory

IVS = "\U000e0100"
NAMES = [
    f"葛{IVS}城 太郎",
    "𠮷田 花子",
    "辻\ufe00本",
    f"髙{IVS}橋",
    "𡈽屋",
    "\x00𠮷",
    f"{IVS}\u3099か\ufe01\u3099",
]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        (f"葛{IVS}城", "葛城"),
        ("葛\U000e01ef城", "葛城"),
        ("辻\ufe00本", "辻本"),
        ("𠮷田", "吉田"),
        ("𡈽屋", "土屋"),
    ],
)
def test_variant_selectors_and_つちよし_are_folded(stored, typed):
    assert normalize_kanji(stored) == normalize_kanji(typed) == typed


def test_the_column_at_once_still_matches_one_by_one():
    assert normalized_each(normalize_kanji, NAMES) == [normalize_kanji(name) for name in NAMES]


@pytest.mark.django_db
def test_the_resident_search_finds_the_variant_spellings():
    katsuragi = ResidentFactory(kanji_name=f"葛{IVS}城 一郎")
    yoshida = ResidentFactory(kanji_name="𠮷田 二郎")
    assert list(residents_search(kanji="葛城")) == [katsuragi]
    assert list(residents_search(kanji="吉田")) == [yoshida]
    assert list(residents_search(kanji="𠮷田")) == [yoshida]


@pytest.mark.django_db
def test_the_data_migration_refreshes_stored_search_names():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("cases.migrations.0047_resident_kanji_search_variants")
    stale = ResidentFactory(kanji_name=f"葛{IVS}城 一郎")
    type(stale).objects.filter(pk=stale.pk).update(kanji_search=f"葛{IVS}城一郎")
    yoshida = ResidentFactory(kanji_name="𠮷田 二郎")
    type(yoshida).objects.filter(pk=yoshida.pk).update(kanji_search="𠮷田二郎")
    plain = ResidentFactory(kanji_name="山田 三郎")
    migration.recompute(apps, None)
    stale.refresh_from_db(), yoshida.refresh_from_db(), plain.refresh_from_db()
    assert (stale.kanji_search, yoshida.kanji_search, plain.kanji_search) == (
        "葛城一郎",
        "吉田二郎",
        "山田三郎",
    )
