"""A 係長's side of 個人番号の表示 (cases/registry/reveals.py): the clerk's request for approval, its
decision, and lifting a clerk's suspended revealing. Only a 係長 of the clerk's own office, never for
their own request."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.registry.models.residents import Resident
from cases.registry.models.reveals import RevealApproval
from cases.registry.reveal_purposes import purpose_clean, purpose_stated
from cases.security.audit import audit_record
from cases.security.models.alerts import RevealSuspension
from cases.security.models.audit import AuditAction
from cases.security.models.users import User

APPROVE_PERMISSION = "cases.approve_case"


class RevealAlreadyRequested(ValidationError):
    """The same request (person, purpose, clerk) already waits for a 係長: a double click or a resend."""

    def __init__(self, approval: RevealApproval):
        super().__init__(
            _("既に依頼済みです (依頼日時 %(at)s)。係長の承認をお待ちください。")
            % {"at": date_show(approval.requested_at)}
        )
        self.approval = approval


def reveal_approval_request(*, user: User, resident: Resident, purpose: str, note: str = "", request=None):
    """A request for a 係長's approval. The same one still waiting raises RevealAlreadyRequested: the
    partial unique index (one pending per person, purpose and clerk) makes a concurrent second insert
    wait for the first to commit and then fail, so three clicks at once are one request."""
    purpose, note = purpose_clean(purpose, note)
    try:
        with transaction.atomic():
            approval = RevealApproval.objects.create(
                resident=resident, requested_by=user, purpose=purpose, note=note
            )
            audit_record(
                action=AuditAction.CHANGE,
                actor=user,
                request=request,
                resident_id=resident.pk,
                target="mynumber_reveal_approval",
                purpose=purpose_stated(purpose),
                detail={"event": "requested", "approval_id": approval.pk},
            )
    except IntegrityError:
        waiting = RevealApproval.objects.filter(
            resident=resident, requested_by=user, purpose=purpose, state=RevealApproval.State.PENDING
        ).first()
        if waiting is None:  # decided in between: not a repeat, so not ours to explain
            raise
        raise RevealAlreadyRequested(waiting) from None
    return approval


def _already_decided(approval: RevealApproval) -> ValidationError:
    """Who took the decision a 係長 arrived too late for, and which (two 係長 on the same request)."""
    refused = approval.state == RevealApproval.State.REFUSED
    if approval.decided_by is None:
        return ValidationError(_("この依頼は既に処理済みです。"))
    return ValidationError(
        _("この依頼は既に処理済みです (%(by)s が%(how)s: %(at)s)。")
        % {
            "by": approval.decided_by,
            "how": _("却下") if refused else _("承認"),
            "at": date_show(approval.decided_at),
        }
    )


def _same_office_supervisor(by: User, user: User) -> None:
    if not by.has_perm(APPROVE_PERMISSION) or by.office_id != user.office_id:
        raise PermissionDenied(_("同じ事務所の係長のみ承認・解除できます。"))
    if by.pk == user.pk:
        raise PermissionDenied(_("自分の依頼・停止は承認・解除できません。"))


def reveal_approval_decide(*, approval: RevealApproval, by: User, approve: bool, request=None):
    with transaction.atomic():
        approval = (
            RevealApproval.objects.select_for_update().select_related("requested_by").get(pk=approval.pk)
        )
        _same_office_supervisor(by, approval.requested_by)
        if approval.state != RevealApproval.State.PENDING:
            raise _already_decided(approval)
        approval.state = RevealApproval.State.APPROVED if approve else RevealApproval.State.REFUSED
        approval.decided_by, approval.decided_at = by, timezone.now()
        approval.save(update_fields=["state", "decided_by", "decided_at"])
        audit_record(
            action=AuditAction.CHANGE,
            actor=by,
            request=request,
            resident_id=approval.resident_id,
            target="mynumber_reveal_approval",
            detail={
                "event": "approved" if approve else "refused",
                "approval_id": approval.pk,
                "requested_by": approval.requested_by.username,
            },
        )
    return approval


def reveal_suspension_lift(*, suspension: RevealSuspension, by: User, request=None) -> RevealSuspension:
    with transaction.atomic():
        suspension = RevealSuspension.objects.select_for_update().select_related("user").get(pk=suspension.pk)
        _same_office_supervisor(by, suspension.user)
        if suspension.lifted_at is None:
            suspension.lifted_at, suspension.lifted_by = timezone.now(), by
            suspension.save(update_fields=["lifted_at", "lifted_by"])
            audit_record(
                action=AuditAction.CHANGE,
                actor=by,
                request=request,
                target=f"職員:{suspension.user.username}",
                detail={"event": "reveal_resumed", "username": suspension.user.username},
            )
    return suspension
