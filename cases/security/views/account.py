"""The user's own account: パスワード変更 and 二要素認証 (TOTP) enrolment."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from cases.security.auth import (
    ExpiryState,
    Reason,
    login_failure_record,
    password_change,
    password_expiry_state,
    session_logout,
)
from cases.security.crypto import DecryptionError
from cases.security.forms.auth import LOCK_MESSAGES, DeskPasswordChangeForm, TotpCodeForm
from cases.security.passwords import password_expires_at
from cases.security.totp import (
    totp_allowed,
    totp_check,
    totp_disable,
    totp_enable,
    totp_open_pending,
    totp_required,
    totp_seal_pending,
    totp_secret_new,
    totp_uri,
    totp_verify,
)

ENROL_KEY = "nenkin_totp_enrol"


class DeskPasswordChangeView(auth_views.PasswordChangeView):
    template_name = "cases/password_change.html"
    form_class = DeskPasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form: DeskPasswordChangeForm) -> HttpResponse:
        try:
            password_change(
                user=self.request.user, new_password=form.cleaned_data["new_password1"], request=self.request
            )
        except ValidationError as exc:
            form.add_error("new_password1", exc)
            return self.form_invalid(form)
        messages.success(self.request, _("パスワードを変更しました。"))
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        return super().get_context_data(
            expired=password_expiry_state(user) != ExpiryState.OK,
            set_by_admin=user.password_set_by_admin,
            expires_on=timezone.localdate(password_expires_at(user)),
            totp_allowed=totp_allowed(user),
            **kwargs,
        )


def _enrol_secret(request: HttpRequest) -> str:
    """The secret being enrolled; the same across reloads until confirmed, sealed in the session."""
    sealed = request.session.get(ENROL_KEY)
    if sealed:
        try:
            return totp_open_pending(user=request.user, sealed=sealed)
        except DecryptionError:
            pass
    secret = totp_secret_new()
    request.session[ENROL_KEY] = totp_seal_pending(user=request.user, secret=secret)
    return secret


@login_required
@sensitive_post_parameters()
def totp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not totp_allowed(user):
        raise PermissionDenied
    required = totp_required(user)
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if user.totp_enabled:
        if request.method == "POST" and not required and form.is_valid():
            if totp_verify(user=user, code=form.cleaned_data["code"]):
                totp_disable(user=user, by=user, request=request)
                messages.success(request, _("二要素認証を無効にしました。"))
                return redirect("totp_setup")
            # A wrong code here counts like one at login: guessing the code from an open session
            # must lock the account as guessing it at the login screen would.
            locked = login_failure_record(username=user.username, request=request, reason=Reason.TOTP_FAILED)
            if locked is not None:
                session_logout(request=request, reason=Reason.LOCKOUT)
                messages.error(request, LOCK_MESSAGES[locked])
                return redirect("login")
            form.add_error("code", _("確認コードが正しくないか、既に使用されています。"))
        return render(request, "cases/totp_setup.html", {"form": form, "required": required})
    secret = _enrol_secret(request)
    if request.method == "POST" and form.is_valid():
        if totp_check(user=user, secret=secret, code=form.cleaned_data["code"]):
            totp_enable(user=user, secret=secret, request=request)
            del request.session[ENROL_KEY]
            messages.success(
                request, _("二要素認証を有効にしました。次回のログインから確認コードが必要です。")
            )
            return redirect("home")
        form.add_error("code", _("確認コードが正しくありません。認証アプリの時刻設定も確認してください。"))
    context = {
        "form": form,
        "required": required,
        # Grouped in fours so it can be typed into an app by hand.
        "secret_display": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "uri": totp_uri(secret=secret, username=user.username),
    }
    return render(request, "cases/totp_setup.html", context)
