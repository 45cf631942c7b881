"""ログイン, パスワード変更 and 確認コード forms. Messages never tell whether a user ID exists."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from cases.security.auth import (
    REFUSAL_REASONS,
    ExpiryState,
    LockScope,
    Reason,
    account_lock_check,
    login_failure_record,
    login_refusal_record,
    password_expiry_state,
    request_address,
)
from cases.security.drafts import NOT_KEPT
from cases.security.login_ids import login_id_valid
from cases.security.login_serial import login_attempts_serialised
from cases.security.models.audit import AuditAction
from cases.security.passwords import EXPIRED_REASON, account_disable_expired
from cases.security.selectors.terminals import user_networks
from cases.security.terminals import address_allowed

INVALID_LOGIN = _("ユーザーIDまたはパスワードが正しくありません。")
ACCOUNT_LOCKED = _(
    "一定回数ログインに失敗したため、このアカウントは一時的にロックされています。"
    "しばらくしてから再度お試しいただくか、管理者に連絡してください。"
)
ADDRESS_LOCKED = _(
    "この端末からのログイン失敗が多いため、一時的にログインできません。"
    "しばらくしてから再度お試しいただくか、管理者に連絡してください。"
)
ACCOUNT_EXPIRED = _(
    "パスワードの有効期限を過ぎても変更されなかったため、このユーザーIDは失効しています。管理者に連絡してください。"
)
ACCOUNT_INACTIVE = _("このユーザーIDは利用停止されています。管理者に連絡してください。")
TERMINAL_REFUSED = _("この端末からは利用できません。")
LOGIN_DELAYED = _(
    "このユーザーIDのログイン失敗が続いているため、時間をおいてから再度お試しください "
    "(所属事務所の端末からは通常どおりログインできます)。"
)
LOCK_MESSAGES = {
    LockScope.ACCOUNT: ACCOUNT_LOCKED,
    LockScope.ADDRESS: ADDRESS_LOCKED,
    LockScope.DELAY: LOGIN_DELAYED,
}


class DeskAuthenticationForm(AuthenticationForm):
    error_messages = {"invalid_login": INVALID_LOGIN, "inactive": ACCOUNT_INACTIVE}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("ユーザーID")
        self.fields["password"].label = _("パスワード")
        # AuthenticationForm sets only the HTML maxlength: without the validator a longer ID got as
        # far as the lockout's records (a 150-character column) and failed there with a server error.
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))

    @sensitive_variables("password")
    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        if not login_id_valid(username):
            # No account has such an ID: refused before the lockout records or the access log see it
            # (a formula typed as the ID would otherwise reach the auditor's CSV).
            raise self.get_invalid_login_error()
        request = self.request
        with login_attempts_serialised(username):  # the check and the record, one attempt at a time
            user = self._checked(username, password)
        if not address_allowed(request_address(request), user_networks(user)):
            login_refusal_record(
                username=username, request=request, reason=Reason.TERMINAL, action=AuditAction.DENIED
            )
            raise ValidationError(TERMINAL_REFUSED, code="terminal")
        if password_expiry_state(user) == ExpiryState.DISABLED:
            account_disable_expired(user=user, request=request)
            login_refusal_record(username=username, request=request, reason=Reason.PASSWORD_EXPIRED)
            raise ValidationError(ACCOUNT_EXPIRED, code="expired")
        self.user_cache = user
        return self.cleaned_data

    @sensitive_variables("password")
    def _checked(self, username: str, password: str):
        """The user, or ValidationError; every failure recorded (the lock-out reads the records)."""
        request = self.request
        lock = account_lock_check(username=username, source_ip=request_address(request))
        if lock is not None:
            # Refused before the password is looked at, so a locked ID cannot be guessed further.
            login_refusal_record(username=username, request=request, reason=REFUSAL_REASONS[lock])
            raise ValidationError(LOCK_MESSAGES[lock], code="locked")
        user = authenticate(request, username=username, password=password)
        if user is None:
            self._refuse_if_inactive(username)
            locked = login_failure_record(username=username, request=request)
            if locked is not None:
                raise ValidationError(LOCK_MESSAGES[locked], code="locked")
            raise self.get_invalid_login_error()
        return user

    def _refuse_if_inactive(self, username: str) -> None:
        """Someone who knows the password of a disabled ID is told why, so they can ask an administrator;
        anyone else only sees the usual message. (DeskBackend notes the ID once the password matched.)"""
        user = getattr(self.request, "nenkin_inactive_user", None)
        if user is None:
            return
        login_refusal_record(username=username, request=self.request, reason=Reason.INACTIVE)
        message = ACCOUNT_EXPIRED if user.deactivated_reason == EXPIRED_REASON else ACCOUNT_INACTIVE
        raise ValidationError(message, code="inactive")


class DeskPasswordChangeForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("現在のパスワードが正しくありません。"),
        "password_mismatch": _("確認用のパスワードが一致しません。"),
        "password_unchanged": _("現在と同じパスワードは使えません。"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("現在のパスワード")
        self.fields["new_password1"].label = _("新しいパスワード")
        self.fields["new_password2"].label = _("新しいパスワード (確認)")

    @sensitive_variables("password")
    def clean_new_password1(self):
        password = self.cleaned_data["new_password1"]
        if self.user.check_password(password):
            raise ValidationError(self.error_messages["password_unchanged"], code="password_unchanged")
        return password


class TotpCodeForm(forms.Form):
    code = forms.CharField(
        label=_("確認コード (6桁)"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, **NOT_KEPT}
        ),
    )
