"""個人番号による検索, and the 利用停止 that stops a person's number being searched or shown. Every search
is logged with its purpose; the log never holds the number."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.registry.models.residents import Resident
from cases.registry.reveal_limits import (
    RevealRaced,
    RevealRefused,
    number_use_allowed_or_raise,
    reveal_serialise,
)
from cases.registry.reveals import purpose_clean, purpose_stated
from cases.registry.selectors.mynumber import resident_find_by_mynumber
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction


def resident_search_by_mynumber(
    *, user, number: str, purpose: str, note: str = "", request=None
) -> Resident | None:
    """個人番号による検索: only for 個人番号利用事務 staff, for a purpose chosen from the number-use work
    (RevealPurpose, as for a reveal: 番号法9条; 「その他」 with a note), always logged.

    A search turns a number into a person as a reveal turns a person into a number (assessment III:
    番号利用事務以外で個人番号の検索はできない): each one, hit or miss, counts toward the same hourly limit,
    serialised per user as reveals are, and a suspension stops both until a 係長 lifts it
    (cases/registry/reveal_limits.py). The log keeps who, when, why and whom it found; never the number.
    """
    if not user.has_perm("cases.use_mynumber"):
        audit_record(action=AuditAction.DENIED, actor=user, request=request, target="mynumber_search")
        raise PermissionDenied(_("個人番号による検索は個人番号利用事務の担当者のみ行えます。"))
    number_use_allowed_or_raise(user=user, target="mynumber_search", request=request)
    purpose, note = purpose_clean(purpose, note)
    try:
        with transaction.atomic():
            reveal_serialise(user)
            resident = resident_find_by_mynumber(number=number)
            refused = resident is not None and resident.use_suspended_on is not None
            if refused:
                # Logged in the transaction, so that the next search (serialised) counts this one.
                _use_suspended_log(user=user, resident=resident, target="mynumber_search", request=request)
            else:
                audit_record(
                    action=AuditAction.MYNUMBER_SEARCH,
                    actor=user,
                    request=request,
                    resident_id=resident.pk if resident else None,
                    target="mynumber_search",
                    purpose=purpose_stated(purpose, note)[:200],
                    detail={"found": resident is not None, "purpose": purpose},
                )
    except RevealRaced:
        # A search or reveal that went just before reached the limit: the check suspends and alerts.
        number_use_allowed_or_raise(user=user, target="mynumber_search", request=request)
        raise
    if refused:
        raise _use_suspended_error(resident)
    return resident


def use_suspended_refuse(*, user, resident: Resident, target: str, request=None) -> None:
    """利用停止 (個人情報保護法100条: a request the city granted, cases/requests): the person's 個人番号 is not
    used — not shown, not searched — until a 係長 lifts it on the resident page. Refused and logged."""
    if resident.use_suspended_on is None:
        return
    _use_suspended_log(user=user, resident=resident, target=target, request=request)
    raise _use_suspended_error(resident)


def _use_suspended_log(*, user, resident: Resident, target: str, request=None) -> None:
    audit_record(
        action=AuditAction.DENIED,
        actor=user,
        request=request,
        resident_id=resident.pk,
        target=target,
        detail={"reason": "use_suspended"},
    )


def _use_suspended_error(resident: Resident) -> RevealRefused:
    return RevealRefused(
        _(
            "この方は %(date)s から利用停止中のため、個人番号は利用できません (係長が宛名の画面で解除できます)。"
        )
        % {"date": date_show(resident.use_suspended_on)}
    )
