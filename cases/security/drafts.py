"""Typed input kept over a re-login: a clerk called away lost a long form when the session ended (the walks
in docs/status.md). The input is kept by the browser tab only (cases/static/cases/draft.js, sessionStorage:
never on the server, gone with the tab), encrypted: the tab sits at a locked counter terminal for up to two
hours, and anyone there could read plain text from the developer tools. The server's part is to mark the
pages so the tab knows what to keep and for whom, and to give the signed-in user's pages the key.
Without JavaScript nothing changes."""

import base64

from django.http import HttpRequest
from django.utils.crypto import salted_hmac

# On the message saying that a form sent after the session ended was not saved (IdleTimeoutMiddleware): the
# page showing it is where draft.js keeps what that form sent (any other answer means the server had it).
# base.html marks that message data-draft-keep by this value.
DRAFT_KEEP_TAG = "draft-keep"

# A widget's attrs for a box whose value must never be written to the browser's storage: the 個人番号
# (番号法: kept only where the number-use work needs it) and one-time codes. draft.js also skips every
# password, file and hidden input by its type.
NOT_KEPT = {"data-draft-skip": True}


def draft_owner(user) -> str:
    """Who is signed in, for the tab to give a draft back to the same user only: a keyed hash of the account,
    the same at every login and telling nothing by which a person could be looked up."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("cases.security.drafts.owner", str(user.pk), algorithm="sha256").hexdigest()[:32]


def draft_key(user) -> str:
    """The AES-GCM key (256 bits, base64) draft.js encrypts the kept input with: on the signed-in user's pages
    only, so a draft left in a locked tab is read again only after that user's login. Derived, never stored:
    the same at every login, another for every user, and another after a password change (the password
    hash is in it), which leaves an older draft unreadable (draft.js then deletes it). A new SECRET_KEY
    does the same."""
    if user is None or not user.is_authenticated:
        return ""
    material = str(user.pk) + ":" + user.get_session_auth_hash()
    return base64.b64encode(salted_hmac("nenkin.draft-key", material, algorithm="sha256").digest()).decode()


def drafts(request: HttpRequest) -> dict:
    """Context processor: base.html puts the owner and the key on <body> (data-draft-user, data-draft-key)
    of signed-in pages (the login page sends a signed-in user on, so it never has them)."""
    user = getattr(request, "user", None)
    return {"draft_owner": draft_owner(user), "draft_key": draft_key(user)}
