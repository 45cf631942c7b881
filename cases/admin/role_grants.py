"""役割の付与: a role asked for waits here for a second administrator's decision."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.admin.dates import WarekiDatesMixin
from cases.admin.read_only import RecordsOnlyAdmin
from cases.security.models.roles import RoleGrant
from cases.security.role_grants import APPROVE_PERMISSION, role_grant_decide
from cases.security.roles import ROLES_BY_CODE


@admin.register(RoleGrant)
class RoleGrantAdmin(WarekiDatesMixin, RecordsOnlyAdmin):
    """役割の付与: requests wait here for a second administrator (never the requester or the grantee)."""

    list_display = ("requested_at", "user", "role_name", "requested_by", "state", "decided_by", "decided_at")
    list_filter = ("state",)
    list_select_related = ("user", "requested_by", "decided_by")
    actions = ["approve_grants", "refuse_grants"]

    @admin.display(description=gettext_lazy("役割"))
    def role_name(self, grant: RoleGrant) -> str:
        role = ROLES_BY_CODE.get(grant.role)
        return str(role.label) if role else grant.role

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(APPROVE_PERMISSION)

    def _decide(self, request: HttpRequest, queryset, *, approve: bool) -> None:
        done, refused = 0, []
        for grant in queryset.filter(state=RoleGrant.State.PENDING):
            try:
                role_grant_decide(grant=grant, by=request.user, approve=approve, request=request)
            except (PermissionDenied, forms.ValidationError) as exc:
                refused.append(f"{grant.user}: {' '.join(getattr(exc, 'messages', [str(exc)]))}")
            else:
                done += 1
        if done:
            self.message_user(request, _("%(count)d 件を処理しました。") % {"count": done}, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description=gettext_lazy("選択した付与を承認する"), permissions=["decide"])
    def approve_grants(self, request: HttpRequest, queryset) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description=gettext_lazy("選択した付与を却下する"), permissions=["decide"])
    def refuse_grants(self, request: HttpRequest, queryset) -> None:
        self._decide(request, queryset, approve=False)
