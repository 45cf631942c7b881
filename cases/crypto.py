"""Authenticated encryption for 個人番号 (AES-256-GCM) and a keyed hash for exact lookup.

Ciphertext format: ``v1$<key id>$<base64(nonce || ciphertext+tag)>``. The associated data binds
the ciphertext to its 宛名番号, so a ciphertext copied onto another person's row will not decrypt.
"""

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """The ciphertext was tampered with, belongs to another person, or its key is gone."""


def _keyring() -> dict[str, bytes]:
    keys = settings.MYNUMBER_KEYS
    if not keys:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_KEYS (個人番号の暗号鍵) が設定されていません。")
    return keys


def current_key_id() -> str:
    return next(iter(_keyring()))


def _aad(atena_no: str) -> bytes:
    return b"nenkin-desk/mynumber/v1/" + atena_no.encode()


def mynumber_encrypt(*, number: str, atena_no: str, key_id: str | None = None) -> tuple[str, str]:
    keyring = _keyring()
    kid = key_id or next(iter(keyring))
    nonce = os.urandom(12)
    sealed = AESGCM(keyring[kid]).encrypt(nonce, number.encode(), _aad(atena_no))
    return f"v1${kid}${base64.b64encode(nonce + sealed).decode()}", kid


def mynumber_decrypt(*, ciphertext: str, atena_no: str) -> str:
    try:
        version, kid, payload = ciphertext.split("$", 2)
        raw = base64.b64decode(payload)
        key = _keyring()[kid]
    except (ValueError, KeyError) as exc:
        raise DecryptionError("個人番号の暗号文を復号できません。") from exc
    if version != "v1":
        raise DecryptionError("未対応の暗号形式です。")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], _aad(atena_no)).decode()
    except InvalidTag as exc:
        raise DecryptionError("個人番号の暗号文が改ざんされているか、別の宛名のものです。") from exc


def mynumber_lookup_hash(number: str) -> str:
    key = settings.MYNUMBER_HASH_KEY
    if not key:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_HASH_KEY (個人番号の照合鍵) が設定されていません。")
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()
