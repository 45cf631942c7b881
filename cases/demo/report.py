"""Plain-text tables that line up with Japanese text (full-width characters take two columns)."""

import unicodedata

from cases.demo.context import Login, SummaryLine


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(width(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    head = "  ".join(_pad(cell, w) for cell, w in zip(header, widths, strict=True)).rstrip()
    return [head, "-" * width(head), *lines]


def summary_lines(summary: list[SummaryLine]) -> list[str]:
    return table(
        ("件数 count", "内容", "what"),
        [(f"{line.count:>10,}", line.label_ja, line.label_en) for line in summary],
    )


def login_lines(logins: list[Login], password: str) -> list[str]:
    rows = [
        (
            login.username,
            login.role,
            login.office,
            login.display_name,
            password if login.has_demo_password else "(変更済み / changed)",
            "新規 new" if login.created else "既存 existing",
        )
        for login in logins
    ]
    header = (
        "ユーザーID username",
        "役割 role",
        "所属 office",
        "氏名 name",
        "パスワード password",
        "状態 status",
    )
    return table(header, rows)
