"""所得情報 on the resident page: shown for the work, and for a stated purpose otherwise.

The PIA keeps the 住民税 data 「本人や世帯員の所得を把握し、免除申請等の相談に適切に対応するため」 (II-2④
その妥当性; III-3 リスク1: 不要な情報との紐付けは行わない). Any clerk may open any resident (the counter's
reach), so the incomes are shown there only when the user's office handles an open case of the person —
the case is the purpose — or after the user chose a purpose with 「所得情報を表示」: recorded in the access log
with the purpose, and good for INCOME_SHOWN_MINUTES in this login session, for this person only."""

import datetime as dt

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.kernel.stages import FINAL_STAGES
from cases.registry.models.residents import Resident
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction

INCOME_SHOWN_MINUTES = 15
_SESSION_KEY = "nenkin_income_shown"


class IncomePurpose(models.TextChoices):
    CONSULTATION = "consultation", _("免除申請等の相談")
    HOUSEHOLD = "household", _("申請者の世帯員の所得の確認")
    OTHER = "other", _("その他 (備考に記載)")


# Written into the access log in Japanese (cases/security/audit_purposes.py words them for the reader).
LOGGED = {
    IncomePurpose.CONSULTATION: pgettext_lazy("利用目的", "所得情報の表示 (免除申請等の相談)"),
    IncomePurpose.HOUSEHOLD: pgettext_lazy("利用目的", "所得情報の表示 (世帯員の所得の確認)"),
    IncomePurpose.OTHER: pgettext_lazy("利用目的", "所得情報の表示 (その他)"),
}


def income_basis(*, cases, session, resident_id: int) -> str:
    """Why the page may show the incomes: "case" (an open case of the person the user may open — the
    resident page's own list), "purpose" (stated in this session, still fresh), or "" (not shown)."""
    if any(case.stage not in FINAL_STAGES for case in cases):
        return "case"
    return "purpose" if income_purpose_fresh(session, resident_id) else ""


def income_purpose_fresh(session, resident_id: int, *, now: dt.datetime | None = None) -> bool:
    stated = (session.get(_SESSION_KEY) or {}).get(str(resident_id))
    if not stated:
        return False
    age = (now or timezone.now()) - dt.datetime.fromisoformat(stated)
    return dt.timedelta(0) <= age <= dt.timedelta(minutes=INCOME_SHOWN_MINUTES)


def income_purpose_state(*, request, resident: Resident, purpose: str, note: str) -> None:
    """Records the purpose (access log, in Japanese) and lets this session see the incomes for a while."""
    with translation.override("ja"):
        logged = str(LOGGED[IncomePurpose(purpose)])
    audit_record(
        action=AuditAction.VIEW,
        request=request,
        resident_id=resident.pk,
        target="resident_income",
        purpose=logged,
        detail={"purpose": purpose, "note": note},
    )
    shown = dict(request.session.get(_SESSION_KEY) or {})
    shown[str(resident.pk)] = timezone.now().isoformat()
    request.session[_SESSION_KEY] = shown
