"""The seal page's English names the stages as the desk does.

Found walking the 係長's week (2026-12-07): the English seal page said cases leave "Awaiting submission",
a stage the desk, the dashboard and the case pages call "Awaiting dispatch" (送付待ち)."""

from django.utils import translation
from django.utils.translation import gettext


def test_the_seal_page_names_the_stages_by_their_english_labels():
    with translation.override("en"):
        sentence = gettext("含まれるすべての案件の「送付待ち」を完了し、段階を「送付済」にします。")
        assert f'"{gettext("送付待ち")}"' in sentence
        assert f'"{gettext("送付済")}"' in sentence
