"""Every message the code and templates mark is in the English catalogue, translated. The other tests of
tests/i18n read the catalogues as committed, so a new {% translate %} that nobody extracted passed them
(the IT review of 2026-12-06): here each app's messages are extracted again into a copy of the app, as
`makemessages` would, and every entry must come out translated and not fuzzy."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = sorted(path.parents[3].name for path in ROOT.glob("*/locale/en/LC_MESSAGES/django.po"))


def _entries(po: Path, option: str) -> str:
    """What msgattrib prints for the entries selected by `option` (empty: none)."""
    result = subprocess.run(
        ["msgattrib", option, "--no-obsolete", str(po)], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is installed by scripts/test")
@pytest.mark.parametrize("app", APPS)
def test_every_marked_message_is_in_the_catalogue_and_translated(app, tmp_path):
    copy = tmp_path / app
    shutil.copytree(ROOT / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    django_admin = Path(sys.executable).parent / "django-admin"
    subprocess.run(
        [str(django_admin), "makemessages", "-l", "en", "--no-obsolete", "--verbosity", "0"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
    missing = _entries(po, "--untranslated")
    fuzzy = _entries(po, "--only-fuzzy")
    assert not missing, (
        f"{app}: messages not in its English catalogue (run makemessages there):\n{missing[:3000]}"
    )
    assert not fuzzy, f"{app}: fuzzy entries in its English catalogue:\n{fuzzy[:3000]}"
