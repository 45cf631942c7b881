"""The forms of the account pages: a password an administrator types is temporary, and roles are asked
for (approved by a second administrator), never edited in place; the 役割 filter of the list."""

from django import forms
from django.contrib import admin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.security.credential_resets import credential_reset_refusal, password_mark_set_by_admin
from cases.security.models.users import User
from cases.security.role_grants import roles_conflict
from cases.security.roles import ROLES, ROLES_BY_CODE, user_roles


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
