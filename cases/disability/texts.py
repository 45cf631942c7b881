"""Timeline sentences of 障害基礎年金 claims (cases/common/texts.py): worded in the reader's language."""

import re

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cases.common.identifiers.wareki import parse_wareki
from cases.common.texts import Text, label_reader_register, text_define

# The claim form's note at intake (ChecklistItem.note_text): the system's words, in the reader's language.
RECEIVED_AT_COUNTER = text_define("disability_received_at_counter", _("窓口で受領"))
# A 支給決定 without its 等級 (cases/disability/results.py): the line waits in the 突合 queue.
RESULT_NO_GRADE = text_define(
    "disability_result_no_grade", _("案件 %(case)s の支給決定に障害等級 (1級・2級) がありません")
)
REFERRED = text_define("disability_referred", _("年金事務所へ案内: %(reason)s"), reason="label")
# A 診断書 on the checklist, named with the window its 現症日 must fall in (ChecklistItem.label_text).
CERTIFICATE = text_define(
    "disability_certificate",
    _("診断書 (%(window)s: %(first)s〜%(last)s)"),
    window="label",
    first="date",
    last="date",
)


def _certificate_name() -> re.Pattern:
    """CERTIFICATE worded in Japanese, with its 和暦 dates, as a pattern."""
    with translation.override(None):
        parts = re.split(r"%\((\w+)\)s", str(CERTIFICATE.template))
    return re.compile("".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)))


def certificate_read(label: str) -> Text | None:
    """A 診断書's name as checklist items and timeline rows written before 81f4a95 keep it — plain Japanese,
    its window and 和暦 dates (法30条1項・則31条: the window its 現症日 must fall in) — read back into its
    sentence, so each screen words it; None for any other name (a window the rules do not have, a date
    that cannot be)."""
    from cases.disability.present import WINDOWS  # the present module's words; it imports the rules

    match = _CERTIFICATE_NAME.fullmatch(label)
    if match is None:
        return None
    with translation.override(None):
        windows = {str(window) for window in WINDOWS.values()}
    if match["window"] not in windows:
        return None
    try:
        first, last = parse_wareki(match["first"]), parse_wareki(match["last"])
    except ValidationError:
        return None
    return CERTIFICATE(window=match["window"], first=first, last=last)


_CERTIFICATE_NAME = _certificate_name()
label_reader_register(certificate_read)
