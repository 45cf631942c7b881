"""The manual (docs/manual/) shows only pictures the browser tests take, and has each of them on file:
a screen that changes is photographed again by the tests (NENKIN_MANUAL_SHOTS=1), never by hand."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
MANUAL = ROOT / "docs" / "manual"


def _taken_by_the_tests() -> set[str]:
    found = set()
    for source in (ROOT / "tests" / "browser").glob("*.py"):
        found |= set(re.findall(r"""shot\(\s*["'](\w+)["']""", source.read_text(encoding="utf-8")))
        found |= set(re.findall(r"""["'](\d\d_\w+)["'] if shots""", source.read_text(encoding="utf-8")))
    return found


def test_every_picture_of_the_manual_is_one_the_browser_tests_take_and_is_on_file():
    shown = set()
    for page in MANUAL.glob("*.md"):
        shown |= set(re.findall(r"\]\(images/(\w+)\.png\)", page.read_text(encoding="utf-8")))
    assert shown, "the manual shows no picture"
    assert shown <= _taken_by_the_tests(), sorted(shown - _taken_by_the_tests())
    missing = sorted(name for name in shown if not (MANUAL / "images" / f"{name}.png").exists())
    assert not missing, missing


def test_the_manual_covers_the_dashboard_a_filtered_list_and_a_bulk_preview():
    text = " ".join(page.read_text(encoding="utf-8") for page in MANUAL.glob("*.md"))
    for picture in ("50_dashboard", "40_queue_filtered", "41_bulk_preview"):
        assert f"images/{picture}.png" in text
