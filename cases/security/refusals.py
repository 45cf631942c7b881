"""Refusals in the access log.

A view that raises PermissionDenied or Http404 is logged by RefusalAuditMiddleware. Several screens
instead catch the refusal and answer with a message on the page the user came from (a colleague's
task, one's own upload to apply, one's own reveal request to approve): friendlier at the counter, but the
attempt must still reach the log — the assessment (III) asks that every refusal be traceable to whom and what.
Both go through ``refusal_record``: once per user and URL within NENKIN_REFUSAL_LOG_SECONDS, so that a
page reloaded in a loop cannot flood the log, and never twice for the same request.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils.functional import Promise

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.refusal_words import refusal_message_kept

# A refusal's own message is kept with it (our fixed sentences; at most a case number or a staff
# name, never a 個人番号), in Japanese whatever the user's screen (cases/security/refusal_words.py), cut to
# this length.
MESSAGE_LENGTH = 200


def refusal_record(
    request: HttpRequest, *, reason: str = "permission", message: str | Promise = "", path: str = ""
) -> bool:
    """Logs that ``request`` was refused (``reason``: "permission", "not_found" …). ``path``: the page
    the user asked for when the refusal comes on another one (the admin's login redirect); a path of
    this site only. ``message``: what the user was told, as they read it or as a lazy message id. False when it was not logged: no logged-in user, this request already logged its
    refusal, or the same user and URL were logged a moment ago."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "nenkin_denial_logged", False):
        return False
    path = path or request.path
    digest = hashlib.sha256(f"{request.method} {path}".encode()).hexdigest()[:32]
    if not cache.add(f"nenkin:refusal:{user.pk}:{digest}", 1, timeout=settings.NENKIN_REFUSAL_LOG_SECONDS):
        return False
    detail = {"reason": reason, "view": _view_name(request, path), "method": request.method}
    if message:
        detail["message"] = refusal_message_kept(message)[:MESSAGE_LENGTH]
    audit_record(action=AuditAction.DENIED, request=request, target=path[:100], detail=detail)
    return True


def _view_name(request: HttpRequest, path: str) -> str:
    if path == request.path:
        match = request.resolver_match
    else:
        try:
            match = resolve(path)
        except Resolver404:
            match = None
    return match.view_name if match else ""
