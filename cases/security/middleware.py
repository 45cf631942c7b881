"""Request guards for the assessment's promises: managed terminals only (利用端末の管理), no personal data
left on an unattended screen (一定時間操作がない場合はログアウト), expired passwords changed first."""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.security.access_rules import READ_ONLY_POSTS, READ_ONLY_ROLES
from cases.security.audit import audit_record
from cases.security.auth import ExpiryState, Reason, password_expiry_state, session_logout
from cases.security.drafts import DRAFT_KEEP_TAG
from cases.security.models.audit import AuditAction
from cases.security.passwords import account_disable_expired
from cases.security.refusals import refusal_record
from cases.security.roles import user_roles
from cases.security.selectors.terminals import login_networks, user_networks
from cases.security.terminals import address_allowed, client_address, networks_from_list
from cases.security.totp import totp_required
from cases.security.views.auth import LAST_SEEN_KEY

Handler = Callable[[HttpRequest], HttpResponse]
# Sent by cases/static/cases/poll.js on its own requests.
POLL_HEADER = "X-Nenkin-Poll"


def _is_static(request: HttpRequest) -> bool:
    return request.path.startswith("/" + settings.STATIC_URL.lstrip("/"))


class ClientAddressMiddleware:
    """REMOTE_ADDR becomes the client's address as seen by our own proxies (NENKIN_TRUSTED_PROXIES: the
    networks they connect from), so the audit log, the lockout and the terminal check all use the same,
    unforgeable value."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        peer = request.META.get("REMOTE_ADDR", "")
        request.META["NENKIN_PEER_ADDR"] = peer
        trusted = networks_from_list(tuple(settings.NENKIN_TRUSTED_PROXIES))
        request.META["REMOTE_ADDR"] = client_address(request.META, trusted=trusted) or peer
        return self.get_response(request)


class TerminalRestrictionMiddleware:
    """Only managed terminals: the user's office's networks, or before login any office's."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _is_static(request):
            return self.get_response(request)
        user = request.user
        networks = user_networks(user) if user.is_authenticated else login_networks()
        address = request.META.get("REMOTE_ADDR", "")
        if address_allowed(address, networks):
            return self.get_response(request)
        audit_record(
            action=AuditAction.DENIED,
            request=request,
            target=request.path[:100],
            detail={"reason": "terminal", "address": address},
        )
        return render(request, "cases/terminal_denied.html", {"address": address}, status=403)


NOT_SAVED = gettext_lazy(
    "ログアウトしていたため、送信した内容は保存されていません。ログインしてから、もう一度送信してください。"
)


def _to_login(response: HttpResponse) -> bool:
    """Sent to the login by a page that needs it (login_required adds ?next=; the language switch and
    the logout also answer with the login page, without one)."""
    return response.status_code in (301, 302) and response.get("Location", "").startswith(
        resolve_url(settings.LOGIN_URL) + "?"
    )


class IdleTimeoutMiddleware:
    """Ends a session after NENKIN_IDLE_TIMEOUT_SECONDS without a request (idle.js blanks the screen at
    the same moment), and keeps pages of a session out of the browser's cache and back button.

    The last request's time goes to the cache on every request and to the session at most once a
    minute: a database write per request would cost every screen three queries. If the cache loses
    the value, the session's (at most a minute old) still ends an idle session, a little early.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _is_static(request):
            return self.get_response(request)
        if not request.user.is_authenticated:
            response = self.get_response(request)
            if request.method == "POST" and _to_login(response):
                # Logged out meanwhile (another tab, the lock): what this form sent was not saved, and
                # the person must hear it rather than find the form empty after logging in again. The
                # tag tells draft.js to keep what the form sent, for after the login.
                messages.warning(request, NOT_SAVED, extra_tags=DRAFT_KEEP_TAG)
            return response
        now = time.time()
        timeout = settings.NENKIN_IDLE_TIMEOUT_SECONDS
        in_session = request.session.get(LAST_SEEN_KEY)
        cache_key = last_seen_cache_key(request.session.session_key)
        seen = [value for value in (in_session, cache.get(cache_key)) if value is not None]
        # A progress page polling on its own (poll.js) is not the person at the desk: it is timed
        # out like any request, but it never counts as activity (issue 11 M4).
        polling = request.headers.get(POLL_HEADER) == "1"
        if seen and now - max(seen) >= timeout:
            session_logout(request=request, reason=Reason.IDLE_LOGOUT)
            # Scripts (poll.js, idle.js's keep-alive) are told so; a screen goes to the login.
            if polling or request.path == reverse("session_keepalive"):
                return JsonResponse({"logged_out": True}, status=401)
            messages.info(request, _("一定時間操作がなかったため、ログアウトしました。"))
            if request.method == "POST" and request.path != reverse("login"):
                messages.warning(request, NOT_SAVED, extra_tags=DRAFT_KEEP_TAG)
            if request.method == "GET" and request.path != reverse("login"):
                return redirect_to_login(request.get_full_path())
            return redirect("login")
        if polling:
            response = self.get_response(request)
            patch_cache_control(response, no_store=True, private=True)
            return response
        cache.set(cache_key, now, timeout=timeout * 2)
        if in_session is not None and now - in_session >= min(60, timeout // 10):
            request.session[LAST_SEEN_KEY] = now
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response


def last_seen_cache_key(session_key: str | None) -> str:
    # Hashed: the cache (shared with the Celery broker's Redis) should not hold usable session ids.
    digest = hashlib.sha256((session_key or "").encode()).hexdigest()[:32]
    return f"nenkin:last-seen:{digest}"


class ForcedStepMiddleware:
    """After login, an expired password must be changed (and, where the role requires it, a second
    factor enrolled) before anything else can be reached. Past the grace period the account ends."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or _is_static(request):
            return self.get_response(request)
        state = password_expiry_state(user)
        if state == ExpiryState.DISABLED:
            account_disable_expired(user=user, request=request)
            session_logout(request=request, reason=Reason.PASSWORD_EXPIRED)
            messages.error(request, _("パスワードの有効期限を過ぎたため、このユーザーIDは失効しました。"))
            return redirect("login")
        # The keep-alive too: typing a new password is activity, and the answer is only "204".
        always = {reverse("logout"), reverse("session_keepalive")}
        if state == ExpiryState.MUST_CHANGE:
            target = reverse("password_change")
        elif not user.totp_enabled and totp_required(user):
            target = reverse("totp_setup")
        else:
            return self.get_response(request)
        if request.path in always or request.path == target:
            return self.get_response(request)
        return redirect(target)


class ReadOnlyRoleMiddleware:
    """監査 reads and changes nothing; 委託先 only outputs report forms. A POST (any unsafe method) from a
    user whose every role is read-only is refused here, before any view runs, unless the URL is one
    of access_rules.READ_ONLY_POSTS (signing in and out, the own password, report output)."""

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        user = request.user
        if request.method in self.SAFE_METHODS or not user.is_authenticated or user.is_superuser:
            return None
        roles = user_roles(user)
        if not roles or not roles <= READ_ONLY_ROLES:
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name in READ_ONLY_POSTS:
            return None
        audit_record(
            action=AuditAction.DENIED,
            request=request,
            target=request.path[:100],
            detail={"reason": "read_only_role", "view": view_name},
        )
        raise PermissionDenied(_("この役割では登録・変更はできません。"))


class RefusalAuditMiddleware:
    """Every role or scope refusal a view raises is in the access log: PermissionDenied (403) as
    "permission", Http404 as "not_found" (another office's case answers 404 so as not to tell that it
    exists; the attempt is still recorded). Views that log their own refusal (with the person or
    document concerned) are not logged twice (cases/security/refusals.py)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            refusal_record(request, reason="permission")
        elif isinstance(exception, Http404):
            refusal_record(request, reason="not_found")
        return None
