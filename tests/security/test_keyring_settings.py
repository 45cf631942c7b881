"""Keyring settings (NENKIN_MYNUMBER_KEYS, NENKIN_AUDIT_KEYS): a repeated key id used to be kept silently
(the later key won), so a rotation reported 完了 and every 個人番号 sealed under the lost key stopped
opening. A bad value stops every command with one clear line, naming the setting and the key id."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cases.security.crypto import (
    DecryptionError,
    mynumber_decrypt,
    mynumber_encrypt,
    secret_open,
    secret_seal,
)
from config.env import parse_keyring

ROOT = Path(__file__).resolve().parents[2]
OLD, NEW = base64.b64encode(b"o" * 32).decode(), base64.b64encode(b"n" * 32).decode()


@pytest.mark.parametrize("value", [f"k1:{NEW},k1:{OLD}", f"local:{OLD}, local:{NEW}"])
def test_a_key_id_given_twice_is_refused(value):
    with pytest.raises(ImproperlyConfigured) as excinfo:
        parse_keyring("NENKIN_MYNUMBER_KEYS", value)
    message = str(excinfo.value)
    kid = value.split(":", 1)[0]
    assert "NENKIN_MYNUMBER_KEYS" in message and f"鍵ID「{kid}」" in message
    assert OLD not in message and NEW not in message


def test_a_short_key_names_its_id_but_not_the_key():
    short = base64.b64encode(b"s" * 16).decode()
    with pytest.raises(ImproperlyConfigured) as excinfo:
        parse_keyring("NENKIN_AUDIT_KEYS", f"a1:{NEW},a2:{short}")
    message = str(excinfo.value)
    assert "NENKIN_AUDIT_KEYS" in message and "a2" in message and "32 バイト" in message
    assert short not in message


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("NENKIN_")}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.test", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("bad key", "NENKIN_MYNUMBER_KEYS は 'kid:base64鍵'"),
        (f"k1:{NEW},k1:{OLD}", "鍵ID「k1」"),
    ],
)
def test_a_bad_keyring_stops_every_command_with_one_line(value, expected):
    result = manage("check", NENKIN_MYNUMBER_KEYS=value)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("ImproperlyConfigured: ") and expected in line


def test_a_value_that_does_not_open_under_its_key_names_the_key_id(settings):
    settings.MYNUMBER_KEYS = {"k1": b"n" * 32}
    sealed, _kid = mynumber_encrypt(number="123456789018", atena_no="A1")
    secret = secret_seal(plaintext="s", context="totp/user/1")
    settings.MYNUMBER_KEYS = {"k1": b"o" * 32}
    with pytest.raises(DecryptionError, match="鍵ID「k1」"):
        mynumber_decrypt(ciphertext=sealed, atena_no="A1")
    with pytest.raises(DecryptionError, match="鍵ID「k1」"):
        secret_open(ciphertext=secret, context="totp/user/1")
    settings.MYNUMBER_KEYS = {"k2": b"o" * 32}
    with pytest.raises(DecryptionError, match="鍵ID「k1」が NENKIN_MYNUMBER_KEYS にありません"):
        mynumber_decrypt(ciphertext=sealed, atena_no="A1")
