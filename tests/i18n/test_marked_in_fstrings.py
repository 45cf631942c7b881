"""A message marked inside an f-string's braces is not extracted (xgettext reads the f-string as one
literal): `f"{_('記録なし')}"` in cases/exemption/warnings.py never reached the catalogue and stayed
Japanese on English screens. Mark messages outside f-strings."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MARKERS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy", "ngettext"}
SOURCES = ("cases", "documents", "workflows", "config")


def _marked_in_fstrings(path: Path) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in MARKERS
                    and inner.args
                    and isinstance(inner.args[0], ast.Constant)
                ):
                    found.append(inner.lineno)
    return found


def test_no_message_is_marked_inside_an_f_string():
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for folder in SOURCES
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
        for line in _marked_in_fstrings(path)
    }
    assert not found, sorted(found)
