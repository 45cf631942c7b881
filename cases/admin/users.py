"""The accounts' admin page (システム管理者): lock state and unlock, TOTP reset; who may change whom."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.admin.dates import WarekiDatesMixin
from cases.admin.user_changes import AccountChangesMixin
from cases.admin.user_forms import (
    DeskAdminPasswordChangeForm,
    DeskUserChangeForm,
    DeskUserCreationForm,
    RoleFilter,
)
from cases.security.auth import account_unlock
from cases.security.credential_resets import REFUSAL_REASON, credential_reset_refusal, password_reset_record
from cases.security.models.users import User
from cases.security.passwords import password_mark_temporary
from cases.security.refusal_words import refusal_message_kept
from cases.security.refusals import refusal_record
from cases.security.superuser_log import superuser_change_by
from cases.security.totp import totp_disable

# What the login keeps about an account: shown on its page, never edited there (the login services write it).
LOGIN_RECORD = (
    "password_changed_at",
    "failed_login_count",
    "locked_until",
    "totp_enabled",
    "last_login",
    "date_joined",
)


@admin.register(User)
class DeskUserAdmin(WarekiDatesMixin, AccountChangesMixin, UserAdmin):
    form = DeskUserChangeForm
    add_form = DeskUserCreationForm
    change_password_form = DeskAdminPasswordChangeForm
    list_display = (
        "username",
        "display_name",
        "office",
        "is_active",
        "lock_state",
        "totp_enabled",
        "last_login",
    )
    list_filter = ("office", "is_active", RoleFilter, "totp_enabled")
    list_select_related = ("office",)
    search_fields = ("username", "display_name", "last_name", "first_name", "email")
    actions = ["unlock", "totp_reset"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (gettext_lazy("職員"), {"fields": ("display_name", "last_name", "first_name", "email", "office")}),
        (
            gettext_lazy("権限"),
            {"fields": ("is_active", "deactivated_reason", "roles", "is_staff", "is_superuser")},
        ),
        (gettext_lazy("ログイン"), {"fields": LOGIN_RECORD}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "office", "usable_password", "password1", "password2"),
            },
        ),
    )
    readonly_fields = ("deactivated_reason", *LOGIN_RECORD)

    @admin.display(description=gettext_lazy("ロック"))
    def lock_state(self, user: User) -> str:
        if user.locked_until and user.locked_until > timezone.now():
            return _("ロック中 (%(time)s まで)") % {"time": f"{timezone.localtime(user.locked_until):%H:%M}"}
        return ""

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Only a superuser makes superusers or staff; a システム管理者 asks for roles (the admin role,
        # once approved, brings the admin site with it).
        return fields if request.user.is_superuser else (*fields, "is_superuser", "is_staff")

    def get_form(self, request: HttpRequest, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # A subclass per request: the form refuses a change to one's own roles.
        return type(form.__name__, (form,), {"request": request})

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        if change and "is_active" in form.changed_data and obj.is_active:
            # Re-activated (e.g. after expiry): a fresh grace period to change the password.
            obj.deactivated_reason = ""
            password_mark_temporary(obj)
        # A tick of スーパーユーザー権限 is logged in this administrator's name (cases.security.superuser_log).
        superuser_change_by(obj, by=request.user, request=request)
        super().save_model(request, obj, form, change)

    def user_change_password(self, request: HttpRequest, id, form_url=""):
        user = User.objects.filter(pk=id).first() if str(id).isdigit() else None
        refusal = credential_reset_refusal(user, "password") if user is not None else ""
        if refusal and self.has_change_permission(request, user):
            # Another administrator's (or a superuser's) password: see cases.security.credential_resets.
            refusal_record(request, reason=REFUSAL_REASON, message=refusal)
            self.message_user(request, refusal, messages.ERROR)
            return redirect("admin:cases_user_change", user.pk)
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and user is not None:
            password_reset_record(user=user, by=request.user, request=request)
        return response

    @admin.action(description=gettext_lazy("選択した職員のロックを解除する"), permissions=["change"])
    def unlock(self, request: HttpRequest, queryset) -> None:
        for user in queryset:
            account_unlock(user=user, by=request.user, request=request)
        self.message_user(
            request, _("%(count)d 件のロックを解除しました。") % {"count": len(queryset)}, messages.SUCCESS
        )

    @admin.action(
        description=gettext_lazy("選択した職員の二要素認証を解除する (端末の紛失時)"), permissions=["change"]
    )
    def totp_reset(self, request: HttpRequest, queryset) -> None:
        refusals = [refusal for user in queryset if (refusal := credential_reset_refusal(user, "totp"))]
        if refusals:
            # All or nothing: a selection holding an administrator changes nobody. Each sentence kept in
            # Japanese on its own: the catalogue knows them one by one (cases/security/refusal_words.py).
            kept = " ".join(refusal_message_kept(refusal) for refusal in refusals)
            refusal_record(request, reason=REFUSAL_REASON, message=kept)
            for refusal in refusals:
                self.message_user(request, refusal, messages.ERROR)
            return
        users = [user for user in queryset if user.totp_enabled]
        for user in users:
            totp_disable(user=user, by=request.user, request=request)
        self.message_user(
            request, _("%(count)d 件の二要素認証を解除しました。") % {"count": len(users)}, messages.SUCCESS
        )
