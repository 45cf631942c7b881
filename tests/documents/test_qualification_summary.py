"""What the 受付票 and the 送付一覧表 say a 資格届出 is: the kind, and the event only when it adds something.

Found walking the 係長's week (2026-12-07): the 送付一覧表 listed a 特例高齢任意加入 as
「資格届書（特例高齢任意加入 申出 (申出)）」; every 申出, 脱退・辞退 and 死亡届 repeated its kind in brackets
(「死亡届 (死亡)」, 「付加保険料 納付辞退申出 (脱退・辞退の申出)」)."""

from types import SimpleNamespace

import pytest

from cases.qualification.models.filings import Event, FilingKind, QualificationFiling
from documents.qualification import qualification_summary


def summary(kind: str, event: str) -> str:
    case = SimpleNamespace(qualification=QualificationFiling(kind=kind, event=event))
    [line] = qualification_summary(case)["kinds"]
    return str(line["label"])


@pytest.mark.parametrize(
    ("kind", "event", "label"),
    [
        (FilingKind.SPECIAL_ELDERLY, Event.APPLICATION, "特例高齢任意加入 申出"),
        (FilingKind.VOLUNTARY, Event.APPLICATION, "任意加入 申出"),
        (FilingKind.ADDITIONAL, Event.APPLICATION, "付加保険料 納付申出"),
        (FilingKind.ADDITIONAL_WITHDRAWAL, Event.WITHDRAWAL, "付加保険料 納付辞退申出"),
        (FilingKind.VOLUNTARY_WITHDRAWAL, Event.WITHDRAWAL, "任意加入 資格喪失申出 (脱退)"),
        (FilingKind.DEATH, Event.DEATH, "死亡届"),
    ],
)
def test_an_event_that_only_repeats_the_kind_is_not_added(kind, event, label):
    assert summary(kind, event) == label


def test_an_event_that_says_why_is_kept():
    assert summary(FilingKind.ACQUISITION, Event.AGE20) == "資格取得届 (20歳到達)"
    assert summary(FilingKind.LOSS, Event.EMIGRATION) == "資格喪失届 (国外への転出)"
