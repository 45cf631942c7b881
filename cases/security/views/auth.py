"""ログイン (password, then the TOTP code if enabled) and ログアウト."""

import time

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from cases.security.auth import (
    REFUSAL_REASONS,
    Reason,
    account_lock_check,
    login_failure_record,
    login_refusal_record,
    login_success_record,
    request_address,
    session_logout,
)
from cases.security.forms.auth import LOCK_MESSAGES, DeskAuthenticationForm, TotpCodeForm
from cases.security.models.users import User
from cases.security.totp import totp_verify

# Set by IdleTimeoutMiddleware on every request; the login sets it first.
LAST_SEEN_KEY = "nenkin_last_seen"
PENDING_KEY = "nenkin_pending_login"
# The code must follow the password within this time, or the password is asked for again.
PENDING_SECONDS = 300


def login_complete(request: HttpRequest, user: User, *, backend: str) -> None:
    login(request, user, backend=backend)
    request.session[LAST_SEEN_KEY] = time.time()
    login_success_record(user=user, request=request)


class DeskLoginView(auth_views.LoginView):
    template_name = "cases/login.html"
    form_class = DeskAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form: DeskAuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if user.totp_enabled:
            # Not logged in yet: the session only remembers who passed the password step, and when.
            self.request.session[PENDING_KEY] = {
                "user_id": user.pk,
                "backend": user.backend,
                "next": self.get_success_url(),
                "at": time.time(),
            }
            return redirect("login_totp")
        login_complete(self.request, user, backend=user.backend)
        return HttpResponseRedirect(self.get_success_url())


class DeskLogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        session_logout(request=request, reason=Reason.LOGOUT)
        return HttpResponseRedirect(self.get_success_url())


def _pending_user(request: HttpRequest) -> tuple[dict, User] | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = User.objects.select_related("office").filter(pk=pending["user_id"], is_active=True).first()
    return (pending, user) if user is not None and user.totp_enabled else None


@login_not_required
@sensitive_post_parameters()
@csrf_protect
@never_cache
def login_totp(request: HttpRequest) -> HttpResponse:
    found = _pending_user(request)
    if found is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("もう一度ユーザーIDとパスワードを入力してください。"))
        return redirect("login")
    pending, user = found
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        lock = account_lock_check(username=user.username, source_ip=request_address(request))
        if lock is not None:
            request.session.pop(PENDING_KEY, None)
            login_refusal_record(username=user.username, request=request, reason=REFUSAL_REASONS[lock])
            messages.error(request, LOCK_MESSAGES[lock])
            return redirect("login")
        if totp_verify(user=user, code=form.cleaned_data["code"]):
            del request.session[PENDING_KEY]
            login_complete(request, user, backend=pending["backend"])
            return HttpResponseRedirect(pending["next"])
        locked = login_failure_record(username=user.username, request=request, reason=Reason.TOTP_FAILED)
        if locked is not None:
            request.session.pop(PENDING_KEY, None)
            messages.error(request, LOCK_MESSAGES[locked])
            return redirect("login")
        form.add_error("code", _("確認コードが正しくないか、既に使用されています。"))
    return render(request, "cases/login_totp.html", {"form": form})


@require_POST
@never_cache
def session_keepalive(request: HttpRequest) -> HttpResponse:
    """Sent by idle.js, at most once a minute and only after the person typed, clicked or scrolled since
    the last one: filling in a long form makes no request, and the idle logout must not take the
    input away. Nothing is done here: as a logged-in request IdleTimeoutMiddleware counts it (or, past
    the limit, ends the session and answers 401). No body, so nothing of the case is sent."""
    return HttpResponse(status=204)
