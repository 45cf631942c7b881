"""Giving and taking roles (issue 11 H2; assessment III: 機能の認可, 権限のない者による不正使用).

- Nobody changes their own roles.
- The システム管理者 role (accounts, schedules) is never held together with casework or number use
  (窓口担当, 係長): the person who makes accounts must not also decide cases or see 個人番号.
- A role takes effect only when a second administrator approves it — never the one who asked, never
  the person receiving it — so one administrator with a second account cannot play both sides.
- Taking a role away applies at once. Every request, approval, refusal and removal is in the access
  log, which the auditor's screen shows.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.common.date_display import series_separator
from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.roles import RoleGrant
from cases.security.models.users import User
from cases.security.roles import ADMIN, AUDITOR, ROLES, ROLES_BY_CODE, user_roles

# Roles that do casework or use 個人番号: never together with the システム管理者 role.
NUMBER_USE_ROLES = frozenset(role.code for role in ROLES if "cases.use_mynumber" in role.permissions)
CASEWORK_ROLES = frozenset({"clerk", "supervisor"}) | NUMBER_USE_ROLES
APPROVE_PERMISSION = "cases.approve_rolegrant"


def _roles_named(codes: set[str]) -> str:
    """The roles in the reader's language: 窓口担当・係長, or "Counter clerk, Supervisor"."""
    separator = series_separator() if translation.get_language() == "en" else "・"
    return separator.join(str(ROLES_BY_CODE[code].label) for code in sorted(codes))


def roles_conflict(codes: set[str]) -> str:
    """Why this set of roles may not be held by one person ('' when it may)."""
    if ADMIN.code in codes and codes & CASEWORK_ROLES:
        held = _roles_named(codes & CASEWORK_ROLES)
        return _(
            "システム管理者の役割は、案件処理・個人番号利用の役割 (%(roles)s) と同時には持てません。"
        ) % {"roles": held}
    if AUDITOR.code in codes and codes & CASEWORK_ROLES:
        # The auditor reads everyone's access log, their own work included: a clerk holding it audits
        # themselves (a 窓口担当 was granted 監査 without a word, exploratory test 2026-12-05).
        held = _roles_named(codes & CASEWORK_ROLES)
        return _("監査の役割は、案件処理・個人番号利用の役割 (%(roles)s) と同時には持てません。") % {
            "roles": held
        }
    return ""


def _audit(*, event: str, user: User, role: str, by: User, request: HttpRequest | None, **detail) -> None:
    audit_record(
        action=AuditAction.CHANGE,
        actor=by,
        request=request,
        target=f"職員:{user.username}",
        detail={"event": event, "username": user.username, "role": ROLES_BY_CODE[role].group, **detail},
    )


def _not_own(user: User, by: User) -> None:
    if user.pk == by.pk:
        raise PermissionDenied(_("自分の役割は変更できません。"))


def role_grant_request(*, user: User, role: str, by: User, request: HttpRequest | None = None) -> RoleGrant:
    """Asks for `role` for `user`; nothing changes until another administrator approves."""
    _not_own(user, by)
    if role not in ROLES_BY_CODE:
        raise ValidationError(_("不明な役割です: %(role)s") % {"role": role})
    conflict = roles_conflict(user_roles(user) | {role})
    if conflict:
        raise ValidationError(conflict)
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(
            user=user, role=role, state=RoleGrant.State.PENDING, defaults={"requested_by": by}
        )
        if created:
            _audit(event="role_grant_requested", user=user, role=role, by=by, request=request)
    return grant


def role_grant_decide(
    *, grant: RoleGrant, by: User, approve: bool, request: HttpRequest | None = None
) -> RoleGrant:
    """A second administrator approves or refuses. The role is added only on approval."""
    if not by.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied(_("役割の付与を承認する権限がありません。"))
    with transaction.atomic():
        grant = RoleGrant.objects.select_for_update().select_related("user", "requested_by").get(pk=grant.pk)
        if grant.state != RoleGrant.State.PENDING:
            raise ValidationError(_("この依頼は既に処理済みです。"))
        if by.pk in (grant.requested_by_id, grant.user_id):
            raise PermissionDenied(
                _("自分が依頼した付与、自分への付与は承認できません (別の管理者が承認します)。")
            )
        user = grant.user
        if approve:
            conflict = roles_conflict(user_roles(user) | {grant.role})
            if conflict:
                raise ValidationError(conflict)
            user.groups.add(Group.objects.get(name=ROLES_BY_CODE[grant.role].group))
            if grant.role == ADMIN.code and not user.is_staff:
                user.is_staff = True  # the admin site is the administrator's workplace
                user.save(update_fields=["is_staff"])
        grant.state = RoleGrant.State.APPROVED if approve else RoleGrant.State.REFUSED
        grant.decided_by, grant.decided_at = by, timezone.now()
        grant.save(update_fields=["state", "decided_by", "decided_at"])
        _audit(
            event="role_grant_approved" if approve else "role_grant_refused",
            user=user,
            role=grant.role,
            by=by,
            request=request,
            requested_by=grant.requested_by.username,
        )
    return grant


def role_revoke(*, user: User, role: str, by: User, request: HttpRequest | None = None) -> None:
    """Takes a role away at once (less access needs no second person)."""
    _not_own(user, by)
    with transaction.atomic():
        user.groups.remove(Group.objects.get(name=ROLES_BY_CODE[role].group))
        if role == ADMIN.code and user.is_staff and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        _audit(event="role_revoked", user=user, role=role, by=by, request=request)


def groups_guard(sender, instance, action: str, pk_set, **kwargs) -> None:
    """m2m_changed on User.groups: whatever path adds a group (the shell, a future screen), the
    combination rule holds."""
    if action != "pre_add" or not isinstance(instance, User) or not pk_set:
        return
    added = set(Group.objects.filter(pk__in=pk_set).values_list("name", flat=True))
    codes = user_roles(instance) | {role.code for role in ROLES if role.group in added}
    conflict = roles_conflict(codes)
    if conflict:
        raise ValidationError(conflict)
