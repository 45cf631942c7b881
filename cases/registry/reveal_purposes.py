"""The purpose a 個人番号 is shown or searched for: chosen from the list, with a note that never holds a
number (cases/registry/reveals.py, mynumber.py and mynumber_search.py state it in the access log)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.common.freetext import validate_no_mynumber
from cases.registry.models.reveals import RevealPurpose
from cases.security.audit_purposes import purpose_chosen


def purpose_clean(purpose: str, note: str) -> tuple[str, str]:
    """(purpose code, note). The note never holds a 12-digit number; 'other' needs one."""
    if purpose not in RevealPurpose.values:
        raise ValidationError({"purpose": _("利用目的を一覧から選んでください。")})
    note = (note or "").strip()[:200]
    try:
        validate_no_mynumber(note)
    except ValidationError as exc:
        raise ValidationError({"note": exc.messages}) from exc
    if purpose == RevealPurpose.OTHER and not note:
        raise ValidationError({"note": _("「その他」の場合は備考に目的を書いてください。")})
    return purpose, note


def purpose_stated(purpose: str, note: str = "", case_number: str = "") -> str:
    """A purpose as the access log keeps it: the label's Japanese (its message id), not the clerk's
    screen's — the auditor's screen words it for each reader (cases/security/audit_purposes.py) — with
    the note and the case it serves."""
    return purpose_chosen(RevealPurpose(purpose).label, note, case_number)
