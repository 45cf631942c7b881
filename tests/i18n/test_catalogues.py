"""The English catalogues: complete, compiled from what is committed, and chosen by the switch.

Japanese is the source language (the msgids); each app keeps ``<app>/locale/en/LC_MESSAGES``.
"""

import gettext
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)
CATALOGUES = sorted(p for p in ROOT.glob("*/locale/en/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def _entries(po: Path) -> list[tuple[list[str], str, str]]:
    """(flags, msgid, msgstr) of every entry, multi-line strings joined."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        flags, parts, current = [], {"msgid": [], "msgstr": []}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                flags += [f.strip() for f in line[2:].split(",")]
            elif line.startswith(("msgid ", "msgstr ", "msgstr[0] ")):
                current, _, value = line.partition(" ")
                current = current.split("[")[0]
                parts[current].append(value)
            elif line.startswith('"') and current:
                parts[current].append(line)
        if parts["msgid"]:
            joined = {k: "".join(v.strip()[1:-1] for v in lines) for k, lines in parts.items()}
            entries.append((flags, joined["msgid"], joined["msgstr"]))
    return entries


def test_there_is_an_english_catalogue_for_the_screens():
    apps = {p.parts[-5] for p in CATALOGUES}
    assert {"config", "cases", "workflows", "documents"} <= apps, apps


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated_and_none_is_fuzzy(po):
    problems = []
    for flags, msgid, msgstr in _entries(po):
        if "fuzzy" in flags:
            problems.append(f"fuzzy: {msgid or '(header)'}")
        elif msgid and not msgstr:
            problems.append(f"untranslated: {msgid}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_committed_mo_is_compiled_from_the_po(po, tmp_path):
    # A .po edited without compilemessages would silently show the old English. scripts/test installs
    # gettext (msgfmt) on Debian.
    fresh = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(po)], check=True, capture_output=True)
    with fresh.open("rb") as a, po.with_suffix(".mo").open("rb") as b:
        assert gettext.GNUTranslations(a)._catalog == gettext.GNUTranslations(b)._catalog


@pytest.mark.django_db
def test_the_switch_turns_the_screens_english_and_back(clerk):
    client = Client()
    login = client.get("/login/").content.decode()
    assert 'lang="ja"' in login and ">English</button>" in login

    client.post("/language/", {"language": "en", "next": "/login/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    client.force_login(clerk)
    page = client.get("/", follow=True).content.decode()
    assert 'lang="en"' in page and "Log out" in page and "ログアウト" not in page

    # The switch on a page carries no address: the browser's Referer brings the clerk back.
    response = client.post(
        "/language/", {"language": "ja"}, HTTP_REFERER="http://testserver/desk/queue/?page=2"
    )
    assert response.status_code == 302 and response["Location"] == "http://testserver/desk/queue/?page=2"
    page = client.get("/", follow=True).content.decode()
    assert "ログアウト" in page and "Log out" not in page


@pytest.mark.django_db
def test_the_switch_follows_no_link_to_another_site():
    response = Client().post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and "evil.example" not in response["Location"]


@pytest.mark.django_db
def test_an_english_browser_still_gets_japanese_until_english_is_chosen():
    client = Client()
    page = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="ja"' in page and "ログイン" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="ja")
    assert 'lang="en"' in response.content.decode() and response["Content-Language"] == "en"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"  # not offered: the office's language
    assert 'lang="ja"' in client.get("/login/").content.decode()
