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

from cases.kernel.casetypes import number_use_types
from cases.kernel.stages import FINAL_STAGES
from cases.registry.models.residents import Resident
from cases.security.audit import audit_record
from cases.security.audit_purposes import purpose_chosen
from cases.security.models.audit import AuditAction

INCOME_SHOWN_MINUTES = 15
_SESSION_KEY = "nenkin_income_shown"


class IncomePurpose(models.TextChoices):
    CONSULTATION = "consultation", _("免除申請等の相談")
    HOUSEHOLD = "household", _("申請者の世帯員の所得の確認")
    OTHER = "other", _("その他 (備考に記載)")


# Written into the access log in Japanese (cases/security/audit_purposes.py words them for the reader).
FOR_CASE = pgettext_lazy("利用目的", "所得情報の表示 (案件の事務)")
LOGGED = {
    IncomePurpose.CONSULTATION: pgettext_lazy("利用目的", "所得情報の表示 (免除申請等の相談)"),
    IncomePurpose.HOUSEHOLD: pgettext_lazy("利用目的", "所得情報の表示 (世帯員の所得の確認)"),
    IncomePurpose.OTHER: pgettext_lazy("利用目的", "所得情報の表示 (その他)"),
}


def income_case(cases):
    """An open case of the 個人番号利用事務 (免除, 障害基礎年金, 資格届出: the work the income serves)
    among the person's cases this user may open — the resident page's own list — or None. A 開示・訂正・
    利用停止請求 is no reason to read someone's income (any clerk can take one alone, in one form)."""
    kinds = number_use_types()
    return next((case for case in cases if case.stage not in FINAL_STAGES and case.case_type in kinds), None)


def income_basis(*, cases, session, resident_id: int) -> tuple[str, object]:
    """(why the page may show the incomes, the case): ("case", the case), ("purpose", None) when a
    purpose was stated in this session and is still fresh, ("", None) when they are not shown."""
    case = income_case(cases)
    if case is not None:
        return "case", case
    return ("purpose" if income_purpose_fresh(session, resident_id) else ""), None


def income_purpose_for_case() -> str:
    """The access log's purpose when the incomes are shown for a case (in Japanese)."""
    with translation.override("ja"):
        return str(FOR_CASE)


def income_purpose_fresh(session, resident_id: int, *, now: dt.datetime | None = None) -> bool:
    stated = (session.get(_SESSION_KEY) or {}).get(str(resident_id))
    if not stated:
        return False
    age = (now or timezone.now()) - dt.datetime.fromisoformat(stated)
    return dt.timedelta(0) <= age <= dt.timedelta(minutes=INCOME_SHOWN_MINUTES)


def income_purpose_state(*, request, resident: Resident, purpose: str, note: str) -> None:
    """Records the purpose (access log, in Japanese) and lets this session see the incomes for a while."""
    with translation.override("ja"):
        # The note beside その他 (or any purpose) is kept with it, as a reveal's is.
        logged = purpose_chosen(LOGGED[IncomePurpose(purpose)], note)
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
