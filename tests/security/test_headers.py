"""Content-Security-Policy on every response, templates it does not break, and production's cookies
and security headers."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from config.security import ContentSecurityPolicyMiddleware

ROOT = Path(settings.BASE_DIR)
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
# What the policy blocks in markup: inline scripts and styles, event-handler attributes, javascript: URLs.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"javascript:", re.IGNORECASE)


def our_templates() -> list[Path]:
    folders = [ROOT / "config" / "templates"] + [
        ROOT / app / "templates" for app in ("cases", "workflows", "documents")
    ]
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_no_template_has_inline_script_style_or_handlers():
    templates = our_templates()
    assert len(templates) > 40
    found = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for label, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("inline style", INLINE_STYLE),
            ("on*= handler", HANDLER),
            ("javascript: URL", JS_URL),
        ):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {label}")
    assert found == [], "the Content-Security-Policy would block these:\n" + "\n".join(found)


def test_the_scan_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/cases/idle.js" defer></script>')
    assert INLINE_STYLE.search('<p style="color:red">') and INLINE_STYLE.search("<style>p{}</style>")
    assert HANDLER.search('<button onclick="x()">') and not HANDLER.search('<p class="once">')


def test_the_policy_is_the_one_the_city_was_promised():
    assert settings.NENKIN_CONTENT_SECURITY_POLICY == POLICY
    assert settings.MIDDLEWARE[0] == "config.security.ContentSecurityPolicyMiddleware"
    assert ContentSecurityPolicyMiddleware.__module__ == "config.security"


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_policy(client, clerk, operator):
    anonymous = {
        "login page": client.get("/login/"),
        "login redirect": client.get("/desk/"),
        "not found": client.get("/no-such-page/"),
        "admin redirect": client.get("/admin/"),
    }
    client.force_login(clerk)
    signed_in = {
        "desk": client.get("/desk/"),
        "consultation": client.get("/consultation/"),
        "not found": client.get("/cases/999999/"),
    }
    other = Client()
    other.force_login(operator)
    refused = {"forbidden": other.get("/desk/"), "read-only POST": other.post("/inquiries/new/", {})}
    for name, response in {**anonymous, **signed_in, **refused}.items():
        assert response["Content-Security-Policy"] == POLICY, name
    assert refused["forbidden"].status_code == 403 and refused["read-only POST"].status_code == 403
    # and the pages themselves load their script and style from files
    page = signed_in["desk"].content.decode()
    assert '<script src="/static/cases/idle.js" defer></script>' in page
    assert 'rel="stylesheet" href="/static/cases/desk.css"' in page


def production_settings() -> dict:
    """config.settings.production as a fresh process sees it, with the secrets it requires."""
    key = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "production-settings-test",
        "NENKIN_MYNUMBER_KEYS": f"k1:{key}",
        "NENKIN_MYNUMBER_HASH_KEY": "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=",
        "NENKIN_AUDIT_KEYS": "a1:Q0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0M=",
    }
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "LANGUAGE_COOKIE_SECURE",
        "LANGUAGE_COOKIE_HTTPONLY",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "SECURE_SSL_REDIRECT",
        "X_FRAME_OPTIONS",
        "NENKIN_CONTENT_SECURITY_POLICY",
        "MIDDLEWARE",
    ]
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_settings_set_secure_cookies_and_headers():
    prod = production_settings()
    assert prod["DEBUG"] is False
    for cookie in ("SESSION", "CSRF"):
        assert prod[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert prod[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert prod[f"{cookie}_COOKIE_SAMESITE"] in ("Strict", "Lax"), cookie
    assert prod["LANGUAGE_COOKIE_SECURE"] is True and prod["LANGUAGE_COOKIE_HTTPONLY"] is True
    assert prod["SECURE_HSTS_SECONDS"] >= 31536000 and prod["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert prod["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert prod["SECURE_REFERRER_POLICY"] in ("same-origin", "no-referrer", "strict-origin")
    assert prod["SECURE_SSL_REDIRECT"] is True
    assert prod["X_FRAME_OPTIONS"] == "DENY"
    assert prod["NENKIN_CONTENT_SECURITY_POLICY"] == POLICY
    middleware = prod["MIDDLEWARE"]
    for name in (
        "config.security.ContentSecurityPolicyMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
        "cases.security.middleware.ReadOnlyRoleMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ):
        assert name in middleware, name


@pytest.mark.django_db
def test_with_production_values_the_responses_carry_the_headers_and_cookie_flags(settings, clerk):
    prod = production_settings()
    for name, value in prod.items():
        if name not in ("MIDDLEWARE", "DEBUG", "SECURE_SSL_REDIRECT"):
            setattr(settings, name, value)
    client = Client()
    login = client.post(
        "/login/", {"username": clerk.username, "password": "pw-for-tests-only-1"}, secure=True
    )
    assert login.status_code == 302
    session = login.cookies[settings.SESSION_COOKIE_NAME]
    assert (
        session["secure"] and session["httponly"] and session["samesite"] == prod["SESSION_COOKIE_SAMESITE"]
    )
    page = client.get("/desk/", secure=True)
    assert page["Strict-Transport-Security"].startswith(f"max-age={prod['SECURE_HSTS_SECONDS']}")
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"] == prod["SECURE_REFERRER_POLICY"]
    assert page["X-Frame-Options"] == "DENY"
    assert page["Content-Security-Policy"] == POLICY
    assert "no-store" in page["Cache-Control"]


def test_production_passes_djangos_deployment_checks():
    key = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "production-deploy-check-not-a-real-secret-0123456789",
        "NENKIN_MYNUMBER_KEYS": f"k1:{key}",
        "NENKIN_MYNUMBER_HASH_KEY": "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=",
        "NENKIN_AUDIT_KEYS": "a1:Q0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0NDQ0M=",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
