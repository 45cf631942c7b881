"""One place that reads the environment; bad values fail loudly at start-up."""

import base64
import binascii
import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str | None = None) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        with open(file_path, encoding="utf-8") as fh:
            return fh.read().strip()
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"環境変数 {name} は true/false で指定してください (値: {value!r})")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"環境変数 {name} は整数で指定してください (値: {value!r})") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def decode_key(name: str, value: str, kid: str = "") -> bytes:
    # The message names the setting and the key id, never the key.
    which = f"{name} の鍵ID「{kid}」" if kid else f"{name} "
    try:
        key = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured(f"{which}は base64 で指定してください") from exc
    if len(key) != 32:
        raise ImproperlyConfigured(f"{which}は 32 バイト (base64 で 44 文字) の鍵が必要です")
    return key


def parse_keyring(name: str, value: str) -> dict[str, bytes]:
    """`kid:base64key,kid:base64key`; the first entry encrypts, all of them decrypt."""
    keyring: dict[str, bytes] = {}
    for item in value.split(","):
        kid, sep, encoded = item.strip().partition(":")
        if not sep or not kid.isalnum():
            raise ImproperlyConfigured(f"{name} は 'kid:base64鍵' をカンマ区切りで指定してください")
        if kid in keyring:
            # One id, two keys: only one could be kept, and whatever was sealed under the other would
            # never open again (a rotation would even report success).
            raise ImproperlyConfigured(
                f"{name} に鍵ID「{kid}」が2回あります。鍵IDは鍵ごとに別の名前にしてください"
                " (新しい鍵を先頭に、古い鍵は別の鍵IDで残します)"
            )
        keyring[kid] = decode_key(name, encoded, kid)
    return keyring
