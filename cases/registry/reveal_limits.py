"""The hourly limits on one member of staff's 個人番号 use (issue 11 H3; 番号法 9条・19条, assessment III:
権限のない者による不正使用の防止、番号利用事務以外で個人番号の検索はできない).

- Each number shown and each search by 個人番号 (hit or miss) count together toward
  NENKIN_REVEAL_LIMIT_PER_HOUR: a search tells the clerk whose number it is as a reveal tells them a
  person's number — the same disclosure, so one bound, not two that add up (decisions §47).
- Each reveal refused for want of a 係長's approval counts toward NENKIN_REVEAL_REFUSALS_PER_HOUR: a
  clerk probing strangers one after another shows nothing, but is seen and stopped.
- Reaching either suspends the user's revealing and searching (RevealSuspension, lifted by a 係長 of
  the office) and alerts the auditor (SecurityAlert, with why), once.
- The hour is counted from the access log itself (decisions §18), from an hour ago or from the last
  lift when later: a 係長 who lifts a suspension has looked into it and gives a fresh start.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.security.audit import audit_record
from cases.security.models.alerts import RevealSuspension, SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.models.users import User

REVEALS = Q(action=AuditAction.MYNUMBER_REVEAL, detail__result="shown")
# A search refused because the person found is 利用停止 still told the clerk the number is someone's here.
SEARCHES = Q(action=AuditAction.MYNUMBER_SEARCH) | Q(
    action=AuditAction.DENIED, target="mynumber_search", detail__reason="use_suspended"
)
REFUSALS = Q(action=AuditAction.DENIED, target="mynumber_reveal", detail__reason="needs_approval")
# What the 係長 reads on the approvals page: kept in Japanese on the row (data, as the log keeps a
# refusal), read in the reader's language through the catalogue (refusal_words.refusal_message_shown).
SUSPENSION_REASONS = {
    "reveal_limit": gettext_noop("1時間の個人番号の表示・検索の件数が上限 (%(limit)s件) に達しました (表示)"),
    "search_limit": gettext_noop("1時間の個人番号の表示・検索の件数が上限 (%(limit)s件) に達しました (検索)"),
    "refusal_limit": gettext_noop("1時間の承認のない表示の要求が上限 (%(limit)s件) に達しました"),
}


class RevealRefused(PermissionDenied):
    """Revealing is suspended for this user, or the hourly limit was just reached."""


class RevealRaced(RevealRefused):
    """A reveal sent at the same moment by the same person went first and reached the limit."""


def reveal_suspended(user: User) -> bool:
    return RevealSuspension.objects.filter(user=user, lifted_at__isnull=True).exists()


def _since(user: User, now: dt.datetime | None = None) -> dt.datetime:
    since = (now or timezone.now()) - dt.timedelta(hours=1)
    lifted = RevealSuspension.objects.filter(user=user, lifted_at__gt=since).aggregate(at=Max("lifted_at"))
    return lifted["at"] or since


def number_uses_in_last_hour(user: User, *, now: dt.datetime | None = None) -> dict[str, int]:
    """{"reveals": numbers shown, "searches": searches by 個人番号} in the counted hour."""
    return AuditEntry.objects.filter(actor_id=user.pk, at__gte=_since(user, now)).aggregate(
        reveals=Count("id", filter=REVEALS), searches=Count("id", filter=SEARCHES)
    )


def refusals_in_last_hour(user: User, *, now: dt.datetime | None = None) -> int:
    return AuditEntry.objects.filter(REFUSALS, actor_id=user.pk, at__gte=_since(user, now)).count()


def _suspend(user: User, *, cause: str, count: int, limit: int, request=None, **counts) -> None:
    """Suspends and alerts, once: under the user's row lock (as reveal_serialise), a request racing
    this one finds the suspension open and adds nothing."""
    kind = SecurityAlert.Kind.REVEAL_REFUSALS if cause == "refusal_limit" else SecurityAlert.Kind.REVEAL_LIMIT
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).exists()
        __, created = RevealSuspension.objects.get_or_create(
            user=user,
            lifted_at__isnull=True,
            defaults={"reason": SUSPENSION_REASONS[cause] % {"limit": limit}},
        )
        if not created:
            return
        detail = {"count": count, "limit": limit, "cause": cause, **counts}
        SecurityAlert.objects.create(kind=kind, user=user, detail=detail)
        audit_record(
            action=AuditAction.CHANGE,
            actor=user,
            request=request,
            target=f"職員:{user.username}",
            detail={"event": "reveal_suspended", "reason": cause, "count": count, "limit": limit},
        )


def _deny(user: User, target: str, reason: str, *, resident_id=None, request=None) -> None:
    audit_record(
        action=AuditAction.DENIED,
        actor=user,
        request=request,
        resident_id=resident_id,
        target=target,
        detail={"reason": reason},
    )


def number_use_allowed_or_raise(*, user: User, target: str, resident_id=None, request=None) -> None:
    """Before a reveal (target "mynumber_reveal") or a search ("mynumber_search"): the suspension, then
    the hourly limit of both together, which suspends when reached. Outside the use's transaction: a
    suspension and its alert stay although the use fails."""
    if reveal_suspended(user):
        _deny(user, target, "reveal_suspended", resident_id=resident_id, request=request)
        if target == "mynumber_search":
            raise RevealRefused(
                _(
                    "個人番号の利用 (表示・検索) は停止されています。係長に解除を依頼してください (停止と解除は記録されます)。"
                )
            )
        raise RevealRefused(
            _("個人番号の表示は停止されています。係長に解除を依頼してください (停止と解除は記録されます)。")
        )
    limit = settings.NENKIN_REVEAL_LIMIT_PER_HOUR
    uses = number_uses_in_last_hour(user)
    count = uses["reveals"] + uses["searches"]
    if count < limit:
        return
    cause = "search_limit" if target == "mynumber_search" else "reveal_limit"
    _suspend(user, cause=cause, count=count, limit=limit, request=request, **uses)
    _deny(user, target, cause, resident_id=resident_id, request=request)
    raise RevealRefused(
        _(
            "1時間に個人番号を表示・検索できる件数 (%(limit)s件) に達したため、個人番号の表示と検索を停止しました。"
            "係長に解除を依頼してください。監査担当にも通知されています。"
        )
        % {"limit": limit}
    )


def reveal_serialise(user: User) -> None:
    """Inside a reveal's or a search's transaction: one at a time per member of staff, so the hourly
    count includes the one that went just before. Counted only before, uses sent at the same instant
    each read the same count and all went past the limit. RevealRaced when that one reached it."""
    User.objects.select_for_update().filter(pk=user.pk).exists()
    uses = number_uses_in_last_hour(user)
    if reveal_suspended(user) or uses["reveals"] + uses["searches"] >= settings.NENKIN_REVEAL_LIMIT_PER_HOUR:
        raise RevealRaced(_("同時に送られた表示で上限に達しました。もう一度お試しください。"))


def refusal_limit_reached(*, user: User, request=None) -> RevealRefused | None:
    """After a refusal for want of approval was logged: at NENKIN_REVEAL_REFUSALS_PER_HOUR of them,
    suspends and alerts, and returns the error to raise instead of the refusal's own."""
    limit = settings.NENKIN_REVEAL_REFUSALS_PER_HOUR
    count = refusals_in_last_hour(user)
    if count < limit:
        return None
    _suspend(user, cause="refusal_limit", count=count, limit=limit, request=request)
    return RevealRefused(
        _(
            "係長の承認のない個人番号の表示の要求が1時間に%(limit)s件に達したため、個人番号の表示と検索を停止しました。"
            "係長に解除を依頼してください。監査担当にも通知されています。"
        )
        % {"limit": limit}
    )
