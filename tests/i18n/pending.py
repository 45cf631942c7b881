"""English for message ids nobody has translated yet, for the length of one test.

A test of a value worded in the reader's language needs the English catalogue to hold that value's
message id. New ids are translated by the lead after a merge (tests/i18n/test_catalogue_extracted.py
fails until then); meanwhile this puts a stand-in, "[en:<the Japanese>]", into the English catalogue
for each id still missing, so the test checks that the screen goes through the catalogue — and goes on
checking it, with the real words, once they are there.
"""

from django.utils import translation
from django.utils.translation import trans_real


def english_pending(monkeypatch, *message_ids: str, context: str = "") -> dict[str, str]:
    """{message id: its English} with a stand-in for each id the catalogue lacks (undone after the test)."""
    catalogue = trans_real.translation("en")._catalog
    for message_id in message_ids:
        key = f"{context}\x04{message_id}" if context else message_id
        if key not in catalogue:
            monkeypatch.setitem(catalogue._catalogs[0], key, f"[en:{message_id}]")
    with translation.override("en"):
        if context:
            return {message_id: translation.pgettext(context, message_id) for message_id in message_ids}
        return {message_id: translation.gettext(message_id) for message_id in message_ids}
