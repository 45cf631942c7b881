"""Django admin for accounts and offices (システム管理者): lock state and unlock, TOTP reset, terminals.

Signing in to the admin goes through the desk's own login, so the lockout, expiry, two-factor and
terminal rules apply there too.
"""

from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_celery_beat.models import PeriodicTask
from viewflow.workflow.models import Process, Task

from cases.common.schedule_labels import schedule_label
from cases.security import group_admin  # noqa: F401 - registers the group pages
from cases.security.audit import audit_record
from cases.security.audit_present import reason_label
from cases.security.auth import Reason, account_unlock, address_unlock
from cases.security.credential_resets import (
    REFUSAL_REASON,
    credential_reset_refusal,
    password_mark_set_by_admin,
    password_reset_record,
)
from cases.security.models.audit import AuditAction
from cases.security.models.offices import Office
from cases.security.models.roles import RoleGrant
from cases.security.models.security import LoginAttempt
from cases.security.models.users import User
from cases.security.passwords import password_mark_temporary
from cases.security.refusal_words import refusal_message_kept
from cases.security.refusals import refusal_record
from cases.security.role_grants import (
    APPROVE_PERMISSION,
    role_grant_decide,
    role_grant_request,
    role_revoke,
    roles_conflict,
)
from cases.security.roles import OFFICE_BOUND, ROLES, ROLES_BY_CODE, user_roles
from cases.security.superuser_log import superuser_change_by
from cases.security.terminals import address_allowed, network_parse_line, network_too_broad, networks_parse
from cases.security.totp import totp_disable
from cases.security.views.auth import DeskLogoutView


@login_not_required
def _admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    if request.user.is_authenticated and admin.site.has_permission(request):
        return redirect("admin:index")
    if request.user.is_authenticated:
        # Logged in but not staff: sending them to the login screen would loop straight back. The
        # refusal is logged under the page asked for (the admin's redirect put it in `next`), once.
        refusal_record(request, reason="permission", path=_asked_path(request))
        raise PermissionDenied
    # The desk's login view checks that `next` stays on this site.
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


def _asked_path(request: HttpRequest) -> str:
    """The path in `next` if it stays on this site (it is the user's to write), else this page's."""
    asked = request.GET.get("next", "")
    if asked and url_has_allowed_host_and_scheme(asked, allowed_hosts={request.get_host()}):
        path = urlsplit(asked).path
        if path.startswith("/"):
            return path
    return request.path


def _admin_logout(request: HttpRequest, extra_context=None) -> HttpResponse:
    return DeskLogoutView.as_view()(request)


def _admin_password_change(request: HttpRequest, extra_context=None) -> HttpResponse:
    return redirect("password_change")


admin.site.login = _admin_login
admin.site.logout = _admin_logout
admin.site.password_change = _admin_password_change


class _TemporaryPassword:
    """A password an administrator types is temporary: the user replaces it at the next login."""

    def set_password_and_save(self, user, *args, **kwargs):
        password_mark_set_by_admin(user)
        return super().set_password_and_save(user, *args, **kwargs)


class DeskAdminPasswordChangeForm(_TemporaryPassword, AdminPasswordChangeForm):
    pass


class DeskUserCreationForm(_TemporaryPassword, AdminUserCreationForm):
    # The login-ID rules are the model field's validators (cases.security.models.users).

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "office")


class DeskUserChangeForm(UserChangeForm):
    """Roles are asked for here and take effect when a second administrator approves
    (cases.security.role_grants); a removal applies at once. Nobody edits their own roles."""

    request: HttpRequest | None = None
    roles = forms.MultipleChoiceField(
        label=gettext_lazy("役割"),
        choices=[(role.code, role.label) for role in ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "追加した役割は、別のシステム管理者が「役割の付与」で承認すると有効になります。"
        ),
    )

    class Meta(UserChangeForm.Meta):
        model = User

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(user_roles(self.instance))
            refusal = credential_reset_refusal(self.instance, "password")
            if refusal and "password" in self.fields:
                # No link to a form that would refuse anyway: the reason, and where to go instead.
                self.fields["password"].widget.template_name = "cases/widgets/password_no_reset.html"
                self.fields["password"].help_text = refusal
        if self._own_account():
            self.fields["roles"].disabled = True
            self.fields["roles"].help_text = _("自分の役割は変更できません。")

    def _own_account(self) -> bool:
        user = getattr(self.request, "user", None)
        return user is not None and self.instance.pk is not None and user.pk == self.instance.pk

    def clean_roles(self) -> list[str]:
        wanted = set(self.cleaned_data.get("roles") or [])
        if self._own_account():
            return sorted(user_roles(self.instance))
        conflict = roles_conflict(wanted)
        if conflict:
            raise forms.ValidationError(conflict)
        return sorted(wanted)


class RoleFilter(admin.SimpleListFilter):
    """役割 by the role's label in the reader's language (a group's filter showed its Japanese name); the
    query string keeps the role's code."""

    title = gettext_lazy("役割")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin):
        return [(role.code, role.label) for role in ROLES]

    def queryset(self, request: HttpRequest, queryset):
        role = ROLES_BY_CODE.get(self.value() or "")
        return queryset.filter(groups__name=role.group) if role else queryset


@admin.register(User)
class DeskUserAdmin(UserAdmin):
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
        (
            gettext_lazy("ログイン"),
            {
                "fields": (
                    "password_changed_at",
                    "failed_login_count",
                    "locked_until",
                    "totp_enabled",
                    "last_login",
                    "date_joined",
                )
            },
        ),
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
    readonly_fields = (
        "deactivated_reason",
        "password_changed_at",
        "failed_login_count",
        "locked_until",
        "totp_enabled",
        "last_login",
        "date_joined",
    )

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


class OfficeAdminForm(forms.ModelForm):
    request: HttpRequest | None = None

    class Meta:
        model = Office
        fields = ("code", "name", "kind", "sort_order", "phone", "allowed_networks")

    def clean_allowed_networks(self) -> str:
        text = self.cleaned_data["allowed_networks"]
        errors = []
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            try:
                network = network_parse_line(line)
            except ValueError as exc:
                errors.append(str(exc))
                continue
            too_broad = network_too_broad(network)
            if too_broad:
                errors.append(too_broad)
        if errors:
            raise forms.ValidationError(errors)
        user = getattr(self.request, "user", None)
        if user is not None and user.office_id == self.instance.pk and self.instance.pk is not None:
            address = self.request.META.get("REMOTE_ADDR", "")
            if not address_allowed(address, networks_parse(text)):
                raise forms.ValidationError(
                    _("この設定では、いまお使いの端末 (%(address)s) からこのシステムを利用できなくなります。")
                    % {"address": address}
                )
        return text


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    form = OfficeAdminForm
    list_display = ("code", "name", "kind", "phone", "restricted")
    ordering = ("sort_order", "code")

    @admin.display(description=gettext_lazy("端末の制限"), boolean=True)
    def restricted(self, office: Office) -> bool:
        return networks_parse(office.allowed_networks) is not None

    def get_form(self, request: HttpRequest, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A subclass per request: the form checks the administrator does not lock out their own terminal.
        return type(form.__name__, (form,), {"request": request})

    def save_model(self, request: HttpRequest, obj: Office, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "allowed_networks" in form.changed_data:
            audit_record(
                action=AuditAction.CHANGE,
                request=request,
                target=f"事務所:{obj.code}",
                detail={"event": "allowed_networks", "networks": obj.allowed_networks.splitlines()},
            )


class LoginReasonFilter(admin.SimpleListFilter):
    """理由 in words; the query string keeps the stored code."""

    title = gettext_lazy("理由")
    parameter_name = "reason"

    def lookups(self, request: HttpRequest, model_admin):
        return [(reason.value, reason_label(reason.value)) for reason in Reason]

    def queryset(self, request: HttpRequest, queryset):
        return queryset.filter(reason=self.value()) if self.value() else queryset


@admin.register(LoginAttempt)
class LoginAttemptAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "source_ip", "success", "reason_display")
    list_filter = ("success", LoginReasonFilter)
    search_fields = ("username", "source_ip")
    date_hierarchy = "at"
    actions = ["unlock_address"]

    @admin.display(description=gettext_lazy("理由"), ordering="reason")
    def reason_display(self, attempt: LoginAttempt) -> str:
        return reason_label(attempt.reason)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

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


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    """役割の付与: requests wait here for a second administrator (never the requester or the grantee)."""

    list_display = ("requested_at", "user", "role_name", "requested_by", "state", "decided_by", "decided_at")
    list_filter = ("state",)
    list_select_related = ("user", "requested_by", "decided_by")
    actions = ["approve_grants", "refuse_grants"]

    @admin.display(description=gettext_lazy("役割"))
    def role_name(self, grant: RoleGrant) -> str:
        role = ROLES_BY_CODE.get(grant.role)
        return str(role.label) if role else grant.role

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

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


# viewflow's own admin edits processes and tasks row by row: owner, status, data. That would get
# round the four-eyes rule and the case timeline, so tasks change only through the desk's screens.
for _model in (Process, Task):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class PeriodicTaskScheduleForm(forms.ModelForm):
    class Meta:
        model = PeriodicTask
        fields = ("enabled", "crontab", "description")

    def clean_crontab(self):
        crontab = self.cleaned_data["crontab"]
        if crontab is None:
            raise forms.ValidationError(_("実行日時 (crontab) を選んでください。"))
        return crontab


class PeriodicTaskScheduleAdmin(admin.ModelAdmin):
    """Schedules only: when and whether a job runs. Which job and with which arguments comes from
    tasks/schedules.py, so the admin cannot start e.g. a bundle seal in a supervisor's name, and
    there is no "run now" (the screens and commands that do that check their own permissions)."""

    form = PeriodicTaskScheduleForm
    list_display = ("label", "enabled", "crontab", "last_run_at")
    fields = ("label", "task", "args", "kwargs", "enabled", "crontab", "description", "last_run_at")
    readonly_fields = ("label", "task", "args", "kwargs", "last_run_at")
    actions = None

    # The stored name is the key tasks/beat.py finds the row by; pages name the job in the reader's language.
    @admin.display(description=gettext_lazy("定期処理"), ordering="name")
    def label(self, task: PeriodicTask) -> str:
        return schedule_label(task.task, task.name)

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        task = self.get_object(request, object_id)
        if task is not None:
            extra_context = {**(extra_context or {}), "subtitle": schedule_label(task.task, task.name)}
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: PeriodicTask, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if form.changed_data:
            audit_record(
                action=AuditAction.CHANGE,
                request=request,
                target=f"定期処理:{obj.name}"[:100],
                detail={"event": "schedule_changed", "fields": sorted(form.changed_data)},
            )


if admin.site.is_registered(PeriodicTask):
    admin.site.unregister(PeriodicTask)
admin.site.register(PeriodicTask, PeriodicTaskScheduleAdmin)
