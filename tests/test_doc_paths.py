"""The paths and names the guide gives a new developer exist: README.md's folder map and docs/architecture.md
(its layers and the checklist for adding a case type). Modules are split and moved (casetypes.py →
typespec.py, wareki.py → eras.py …), and a guide naming a file that is gone sends the next developer
looking for it; this test names each one that is missing.

What is checked, in backticks:
- a path (`cases/kernel/typespec.py`, `workflows/flows/`), from the repository's root, or a template
  under an app's `templates/`; a bare file name (`test_idor.py`) is read in the folder of the path named
  just before it (`tests/security/test_url_matrix.py`, `test_idor.py`), and in README's folder map in
  the row's own folder (`cases/kernel/` … `typespec.py`);
- a name given with its file (`cases/kernel/stages.py TRANSITIONS`, `cases/security/pia_items.py`
  `PERSON`): defined in that file;
- a dotted name with a module in it (`workflows.start.case_start`): importable.
Placeholders (`cases/<type>/models.py`, `*/locale/en/`) are not checked."""

import importlib
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILE = re.compile(r"[\w./-]+\.(?:py|md|html|toml|yaml|sh|txt)|[\w.-]+(?:/[\w.-]+)*/")
NAME = re.compile(r"[A-Za-z_]\w*")
DOTTED = re.compile(r"(?:cases|workflows|documents|tasks|config)(?:\.\w+){2,}")


def _exists(path: str, folders: list[str]) -> bool:
    paths = [path, *(f"{folder.rstrip('/')}/{path}" for folder in folders)]
    apps = [app for app in ROOT.iterdir() if app.is_dir()]
    return any((ROOT / p).exists() or any((app / "templates" / p).exists() for app in apps) for p in paths)


def _defines(path: str, name: str) -> bool:
    source = (ROOT / path).read_text()
    return re.search(rf"^\s*(?:def|class)\s+{name}\b|^\s*{name}\s*[:=]", source, re.M) is not None


def _importable(dotted: str) -> bool:
    """A module (found without importing it: settings modules refuse to load outside their environment),
    or a module's attribute."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            spec = importlib.util.find_spec(".".join(parts[:cut]))
        except ImportError:
            spec = None
        if spec is None:
            continue
        if cut == len(parts):
            return True
        found = importlib.import_module(".".join(parts[:cut]))
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def missing_in(lines: list[str], *, row_base: bool = False, first: int = 1) -> list[str]:
    """What the lines name in backticks that is not there: 'line N: what' (the first line is N=`first`)."""
    missing, folders = [], []
    for number, line in enumerate(lines, first):
        if row_base and line.startswith("| `"):
            # the row's folders (`cases/exemption/`, `cases/requests/` …) and the folder they are in
            named = re.findall(r"`([\w./-]+/)`", line.split(" | ")[0])
            folders = [*named, *{str(Path(f).parent) for f in named}]
        # `a/b.py NAME` in one pair of backticks, or `a/b.py` `NAME` side by side
        for path, name in re.findall(r"`([\w./-]+\.py)(?:`\s`|\s)([A-Z_][A-Z0-9_]+)`", line):
            if "<" not in path and (ROOT / path).exists() and not _defines(path, name):
                missing.append(f"line {number}: {name} in {path}")
        for quoted in re.findall(r"`([^`]+)`", line):
            for token in re.split(r"[\s,();]+", quoted):
                token = token.rstrip(".:")
                if any(mark in token for mark in "<*…{>"):
                    if "/" in token and not row_base:
                        folders = None  # a placeholder's folder: the bare names after it are its
                    continue
                if DOTTED.fullmatch(token):
                    if not _importable(token):
                        missing.append(f"line {number}: {token}")
                elif FILE.fullmatch(token) and not token.startswith("."):
                    if folders is None and "/" not in token.rstrip("/"):
                        continue
                    if not _exists(token, folders or []):
                        missing.append(f"line {number}: {token}")
                    elif "/" in token.rstrip("/") and not row_base:
                        folders = [token if token.endswith("/") else str(Path(token).parent)]
    return missing


def _folder_map() -> tuple[list[str], int]:
    lines = (ROOT / "README.md").read_text().splitlines()
    start = lines.index("## Folder map")
    end = next(n for n in range(start + 1, len(lines)) if lines[n].startswith("## "))
    return lines[start:end], start + 1


@pytest.mark.parametrize(
    "name, lines, first, row_base",
    [
        ("README.md, Folder map", *_folder_map(), True),
        ("docs/architecture.md", (ROOT / "docs" / "architecture.md").read_text().splitlines(), 1, False),
    ],
)
def test_every_path_and_name_the_guide_gives_exists(name, lines, first, row_base):
    missing = missing_in(lines, row_base=row_base, first=first)
    assert not missing, f"{name} names what is not there (moved or renamed?):\n" + "\n".join(missing)


def test_a_path_or_name_that_is_gone_is_reported():
    """The check itself: a bogus file, a bare file beside a real folder, a name not in its file."""
    lines = [
        "see `cases/kernel/casetypes.py` and `cases/kernel/no_such_module.py`",
        "`tests/security/test_url_matrix.py`, `test_no_such_thing.py`",
        "`cases/kernel/stages.py TRANSITIONS`, `cases/kernel/stages.py NO_SUCH_TABLE`",
        "`workflows.start.case_start`, `workflows.start.no_such_function`",
    ]
    assert missing_in(lines) == [
        "line 1: cases/kernel/no_such_module.py",
        "line 2: test_no_such_thing.py",
        "line 3: NO_SUCH_TABLE in cases/kernel/stages.py",
        "line 4: workflows.start.no_such_function",
    ]
