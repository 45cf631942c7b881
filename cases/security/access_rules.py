"""The words the access matrix (cases/security/access_matrix.py) is written in, and the rules that are
not one URL's row: the roles and outcomes, ``Access`` (one URL's row), the role sets rows name, the
read-only roles and the POSTs they may still make, the URLs open without a login or to any staff, the
views that check their own permission, and the Django admin's family of URLs.

Outcomes, for objects of the user's own office:

- allow: the request reaches the screen (2xx, a redirect, or the screen's own 400/409 for bad input);
- deny: 403;
- login: an anonymous visitor is sent to the login screen.

Objects of another office answer 404 (``case_get_for_user``); tests/security/test_idor.py covers that.
"""

from dataclasses import dataclass, field

CLERK, SUPERVISOR, OPERATOR, AUDITOR, ADMIN = "clerk", "supervisor", "operator", "auditor", "admin"
ROLES = (CLERK, SUPERVISOR, OPERATOR, AUDITOR, ADMIN)
ANONYMOUS = "anonymous"

ALLOW, DENY, NOT_FOUND, LOGIN = "allow", "deny", "not_found", "login"

# 監査 reads and changes nothing; 委託先 only outputs report forms. Their POSTs are refused by
# ReadOnlyRoleMiddleware except on the URLs named in READ_ONLY_POSTS.
READ_ONLY_ROLES = frozenset({AUDITOR, OPERATOR})
READ_ONLY_POSTS = frozenset(
    {
        "login",
        "login_totp",
        "language_set",
        "logout",
        "session_keepalive",
        "password_change",
        # Report output: a PDF of the audit log or of the 受付簿, nothing else is written.
        "audit_report_pdf",
        "inquiry_log_pdf",
    }
)

# Reachable without logging in (each view carries login_not_required).
PUBLIC = frozenset({"login", "login_totp", "language_set", "admin:login"})
# Any logged-in user, whatever the role: the reason is the documentation.
ANY_STAFF = {
    "logout": "誰でも自分のセッションを終える (POST のみ)",
    "session_keepalive": "入力中の画面が、操作があったことをサーバーに伝える (画面ロックの時間を延ばす。POST のみ)",
    "home": "入口: 案件を扱う役割は受付・担当一覧へ、その他の役割には使える画面の一覧を表示",
    "password_change": "全員が自分のパスワードを変更する (有効期限による強制変更を含む)",
    "totp_setup": "二要素認証の登録。画面の中で係長・システム管理者に限る (他の役割は 403)",
}

# Views that check their permission in their own body (to log the refusal with the person it was
# about): URL name → the permission checked. The matrix test holds them to the same outcomes.
SELF_CHECKED = {
    "resident_mynumber": "cases.use_mynumber",
}

ADMIN_NAMESPACE = "admin"


def roles_of(*codes: str) -> frozenset[str]:
    return frozenset(codes)


EVERYONE = frozenset(ROLES)
CASEWORK = roles_of(CLERK, SUPERVISOR)
READERS = roles_of(CLERK, SUPERVISOR, AUDITOR)
ONLY_CLERK = roles_of(CLERK)
ONLY_SUPERVISOR = roles_of(SUPERVISOR)
ONLY_AUDITOR = roles_of(AUDITOR)
ONLY_ADMIN = roles_of(ADMIN)
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Access:
    """One URL. ``get``/``post``: the roles allowed; ``None`` when the URL does not take that method
    (a POST-only URL answers GET with 405; a read-only screen ignores POST and is not listed)."""

    get: frozenset[str] | None
    post: frozenset[str] | None = None
    public: bool = False
    # (role, method) → outcome, where one role differs from "allowed or 403" for a stated reason.
    exceptions: dict[tuple[str, str], str] = field(default_factory=dict)
    note: str = ""

    def expected(self, role: str, method: str) -> str:
        allowed = self.get if method == "GET" else self.post
        if role == ANONYMOUS:
            return ALLOW if self.public else LOGIN
        if (role, method) in self.exceptions:
            return self.exceptions[(role, method)]
        return ALLOW if allowed is not None and role in allowed else DENY


# The Django admin, as one family of URLs: only a システム管理者 (is_staff) gets in, and inside each
# model's pages follow that role's permissions in cases/security/roles.py (view/change/add/delete). Everyone
# else is refused (403 after the admin's login step); an anonymous visitor is sent to the login.
ADMIN_FAMILY = {
    "staff_roles": frozenset({ADMIN}),
    "note": (
        "システム管理者 (is_staff) のみ。モデルごとの閲覧・変更・追加・削除は cases/security/roles.py の権限どおり。"
        "宛名・個人番号・アクセス記録などの個人情報は管理サイトに登録しない。"
    ),
}
