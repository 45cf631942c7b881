"""The login attempts (the lockout's record), read only, with the unlock of a source address."""

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.admin.dates import WarekiDatesMixin
from cases.admin.read_only import RecordsOnlyAdmin
from cases.security.audit_present import reason_label
from cases.security.auth import Reason, address_unlock
from cases.security.models.security import LoginAttempt


class LoginReasonFilter(admin.SimpleListFilter):
    """理由 in words; the query string keeps the stored code."""

    title = gettext_lazy("理由")
    parameter_name = "reason"

    def lookups(self, request: HttpRequest, model_admin):
        return [(reason.value, reason_label(reason.value)) for reason in Reason]

    def queryset(self, request: HttpRequest, queryset):
        return queryset.filter(reason=self.value()) if self.value() else queryset


@admin.register(LoginAttempt)
class LoginAttemptAdmin(WarekiDatesMixin, RecordsOnlyAdmin):
    list_display = ("at", "username", "source_ip", "success", "reason_display")
    list_filter = ("success", LoginReasonFilter)
    search_fields = ("username", "source_ip")
    date_hierarchy = "at"
    actions = ["unlock_address"]

    @admin.display(description=gettext_lazy("理由"), ordering="reason")
    def reason_display(self, attempt: LoginAttempt) -> str:
        return reason_label(attempt.reason)

    def has_unlock_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("cases.change_user")

    @admin.action(description=gettext_lazy("選択した行の接続元のロックを解除する"), permissions=["unlock"])
    def unlock_address(self, request: HttpRequest, queryset) -> None:
        addresses = sorted({address for address in queryset.values_list("source_ip", flat=True) if address})
        for address in addresses:
            address_unlock(source_ip=address, by=request.user, request=request)
        self.message_user(
            request,
            _("%(count)d 件の接続元のロックを解除しました。") % {"count": len(addresses)},
            messages.SUCCESS,
        )
