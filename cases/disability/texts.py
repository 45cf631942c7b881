"""Timeline sentences of 障害基礎年金 claims (cases/common/texts.py): worded in the reader's language."""

from django.utils.translation import gettext_lazy as _

from cases.common.texts import text_define

REFERRED = text_define("disability_referred", _("年金事務所へ案内: %(reason)s"), reason="label")
# A 診断書 on the checklist, named with the window its 現症日 must fall in (ChecklistItem.label_text).
CERTIFICATE = text_define(
    "disability_certificate",
    _("診断書 (%(window)s: %(first)s〜%(last)s)"),
    window="label",
    first="date",
    last="date",
)
