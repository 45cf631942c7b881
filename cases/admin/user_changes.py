"""What saving an account sets off: the access log entry, role requests and removals, and an office move
(異動) taking the office-bound roles away. DeskUserAdmin (cases/admin/users.py) inherits it."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.role_grants import role_grant_request, role_revoke
from cases.security.roles import OFFICE_BOUND, ROLES_BY_CODE, user_roles


class AccountChangesMixin:
    """Listed before UserAdmin: this save_related runs first and calls the admin's own."""

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        # Accounts are the admin's to change; each change is in the access log (the fields and the
        # resulting roles, never a password). Roles go through cases.security.role_grants.
        super().save_related(request, form, formsets, change)
        if "roles" in form.changed_data:
            self._roles_change(request, form.instance, set(form.cleaned_data["roles"]))
        if change and "office" in form.changed_data:
            self._office_moved(request, form.instance)
        if change and not form.changed_data:
            return
        user = form.instance
        audit_record(
            action=AuditAction.CHANGE,
            request=request,
            target=f"職員:{user.username}",
            detail={
                "event": "user_changed" if change else "user_added",
                "fields": sorted(name for name in form.changed_data if not name.startswith("password")),
                "roles": sorted(user.groups.values_list("name", flat=True)),
                **self._office_move(form, change),
            },
        )

    @staticmethod
    def _office_move(form, change: bool) -> dict:
        """The offices of a move (異動), by name, for the access log: the entry said only 'office'."""
        if not change or "office" not in form.changed_data:
            return {}
        before = Office.objects.filter(pk=form.initial.get("office")).values_list("name", flat=True).first()
        return {
            "office_from": before or "",
            "office_to": form.instance.office.name if form.instance.office else "",
        }

    def _office_moved(self, request: HttpRequest, user: User) -> None:
        """A move to another office changes what the office-bound roles reach (a 支所 係長 moved to the
        本庁 acts for every office): one administrator may move staff, but the roles are asked for again
        and approved by a second, as any role is."""
        for role in sorted(user_roles(user) & OFFICE_BOUND):
            role_revoke(user=user, role=role, by=request.user, request=request)
            self.message_user(
                request,
                _(
                    "異動のため役割「%(role)s」を外しました。必要であれば改めて付与を依頼してください "
                    "(別のシステム管理者の承認後に有効になります)。"
                )
                % {"role": ROLES_BY_CODE[role].label},
                messages.WARNING,
            )

    def _roles_change(self, request: HttpRequest, user: User, wanted: set[str]) -> None:
        current = user_roles(user)
        for role in sorted(current - wanted):
            role_revoke(user=user, role=role, by=request.user, request=request)
        for role in sorted(wanted - current):
            role_grant_request(user=user, role=role, by=request.user, request=request)
            self.message_user(
                request,
                _("役割「%(role)s」の付与を依頼しました。別のシステム管理者の承認後に有効になります。")
                % {"role": ROLES_BY_CODE[role].label},
                messages.WARNING,
            )
