"""docs/security/access-matrix.md, written from cases/security/access_matrix.py and access_rules.py,
cases/security/roles.py and the commands.

``python manage.py access_matrix > docs/security/access-matrix.md``; tests/security/test_access_matrix_doc.py
fails when the file and the data disagree.
"""

from django.contrib import admin
from django.core.management import get_commands, load_command_class

from cases.security.access_matrix import URLS
from cases.security.access_rules import (
    ADMIN,
    ADMIN_FAMILY,
    ADMIN_NAMESPACE,
    ALLOW,
    ANONYMOUS,
    ANY_STAFF,
    LOGIN,
    PUBLIC,
    READ_ONLY_POSTS,
    READ_ONLY_ROLES,
    ROLES,
    SELF_CHECKED,
)
from cases.security.authz import url_routes
from cases.security.roles import ROLES_BY_CODE

OUR_APPS = ("cases", "workflows", "documents", "tasks")
CELL = {ALLOW: "○", LOGIN: "ログインへ"}


def _cell(outcome: str) -> str:
    return CELL.get(outcome, "—")


def _url_rows() -> list[str]:
    heads = [ROLES_BY_CODE[code].group for code in ROLES]
    lines = [
        "| URL 名 | パス | 方法 | " + " | ".join(heads) + " | 未ログイン | 備考 |",
        "|---|---|---|" + "---|" * (len(heads) + 2),
    ]
    for route in url_routes():
        if route.namespace == ADMIN_NAMESPACE or route.key not in URLS:
            continue
        access = URLS[route.key]
        for method, allowed in (("GET", access.get), ("POST", access.post)):
            if allowed is None:
                continue
            cells = [_cell(access.expected(role, method)) for role in (*ROLES, ANONYMOUS)]
            lines.append(
                f"| `{route.key}` | `/{route.route}` | {method} | "
                + " | ".join(cells)
                + f" | {access.note} |"
            )
    return lines


def _admin_rows() -> list[str]:
    perms = set(ROLES_BY_CODE[ADMIN].permissions)
    lines = ["| モデル | 閲覧 | 変更 | 追加 | 削除 |", "|---|---|---|---|---|"]
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        meta = model._meta
        cells = [
            "○" if f"{meta.app_label}.{action}_{meta.model_name}" in perms else "—"
            for action in ("view", "change", "add", "delete")
        ]
        lines.append(f"| {meta.verbose_name} (`{meta.label}`) | " + " | ".join(cells) + " |")
    return lines


def _command_rows() -> list[str]:
    from cases.management.base import ActorCommand

    lines = ["| コマンド | 必要な権限 (`--user` の職員) |", "|---|---|"]
    for name, app in sorted(get_commands().items()):
        if app not in OUR_APPS:
            continue
        command = load_command_class(app, name)
        if isinstance(command, ActorCommand):
            lines.append(f"| `{name}` | `{command.permission}` |")
    return lines


def access_matrix_markdown() -> str:
    read_only = "、".join(ROLES_BY_CODE[code].group for code in ROLES if code in READ_ONLY_ROLES)
    parts = [
        "# アクセス権限の一覧 (access matrix)",
        "",
        "このファイルは `python manage.py access_matrix > docs/security/access-matrix.md` で"
        " `cases/security/access_matrix.py` と `cases/security/access_rules.py` から作成しています。"
        "手で編集しないでください"
        " (tests/security/test_access_matrix_doc.py が食い違いを検出します)。",
        "",
        "- ○: 使える (画面に届く。入力の誤りは画面が 400 などで知らせる)",
        "- —: 403 (権限なし)。他の事務所の案件・帳票・移転などは、権限があっても 404",
        "- ログインへ: ログイン画面へ転送",
        f"- {read_only} の POST は、下の「読み取り専用の役割が POST できる画面」以外すべて 403 (ReadOnlyRoleMiddleware)",
        "- 新しい画面 (URL) は、この表に行を追加しないと tests/security/test_url_matrix.py が失敗し、"
        "権限の確認がないと `manage.py check` (nenkin.E101) が失敗します。",
        "",
        "## 画面と操作",
        "",
        *_url_rows(),
        "",
        "## ログインなしで使える画面",
        "",
        *[f"- `{name}`" for name in sorted(PUBLIC)],
        "",
        "## ログインしていれば誰でも使える画面",
        "",
        *[f"- `{name}`: {reason}" for name, reason in ANY_STAFF.items()],
        "",
        "## 画面の中で権限を確認する画面",
        "",
        *[f"- `{name}`: `{permission}`" for name, permission in SELF_CHECKED.items()],
        "",
        "## 読み取り専用の役割が POST できる画面",
        "",
        *[f"- `{name}`" for name in sorted(READ_ONLY_POSTS)],
        "",
        "## 管理サイト (/admin/)",
        "",
        ADMIN_FAMILY["note"],
        "",
        f"{ROLES_BY_CODE[ADMIN].group} の権限 (cases/security/roles.py):",
        "",
        *_admin_rows(),
        "",
        "## データを変更する管理コマンド",
        "",
        "`--user USERID` に、次の権限を持つ有効な職員を指定します。ない場合は日本語のエラーで終了し"
        " (終了コード 1)、実行も拒否もアクセス記録に残ります。",
        "",
        *_command_rows(),
        "",
    ]
    return "\n".join(parts)
