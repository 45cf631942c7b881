"""Authenticated encryption for 個人番号 (AES-256-GCM) and a keyed hash for exact lookup.

Ciphertext format: ``v1$<key id>$<base64(nonce || ciphertext+tag)>``. The associated data binds
the ciphertext to its 宛名番号, so a ciphertext copied onto another person's row will not decrypt.
"""

import base64
import hashlib
import hmac
import os
from collections.abc import Iterable, Iterator

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


def _key_of(ciphertext: str, what: str) -> tuple[str, bytes, bytes]:
    """The key id, the key and the sealed bytes of a ``v1$kid$…`` value. The messages name the key
    id (never the key): it tells an operator which entry of NENKIN_MYNUMBER_KEYS to look at."""
    try:
        version, kid, payload = ciphertext.split("$", 2)
        raw = base64.b64decode(payload)
    except ValueError as exc:
        raise DecryptionError(f"{what}を復号できません (形式が正しくありません)。") from exc
    if version != "v1":
        raise DecryptionError("未対応の暗号形式です。")
    key = _keyring().get(kid)
    if key is None:
        raise DecryptionError(f"{what}の鍵ID「{kid}」が NENKIN_MYNUMBER_KEYS にありません。")
    return kid, key, raw


def mynumber_decrypt(*, ciphertext: str, atena_no: str) -> str:
    kid, key, raw = _key_of(ciphertext, "個人番号の暗号文")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], _aad(atena_no)).decode()
    except InvalidTag as exc:
        raise DecryptionError(
            f"個人番号の暗号文を鍵ID「{kid}」で開けません: 改ざんされているか、別の宛名のものか、"
            f"NENKIN_MYNUMBER_KEYS の鍵ID「{kid}」の鍵が暗号化したときのものと違います。"
        ) from exc


def mynumber_lookup_hash(number: str) -> str:
    key = settings.MYNUMBER_HASH_KEY
    if not key:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_HASH_KEY (個人番号の照合鍵) が設定されていません。")
    return hmac.new(key, number.encode(), hashlib.sha256).hexdigest()


def secret_seal(*, plaintext: str, context: str) -> str:
    """Seals a small secret other than a 個人番号 (e.g. a TOTP key) with the same keyring.

    ``context`` names what the secret belongs to (``"totp/user/42"``); it is the associated data, so a
    sealed value copied onto another row or used for another purpose will not open.
    """
    keyring = _keyring()
    kid = next(iter(keyring))
    nonce = os.urandom(12)
    sealed = AESGCM(keyring[kid]).encrypt(
        nonce, plaintext.encode(), b"nenkin-desk/secret/v1/" + context.encode()
    )
    return f"v1${kid}${base64.b64encode(nonce + sealed).decode()}"


def secret_open(*, ciphertext: str, context: str) -> str:
    kid, key, raw = _key_of(ciphertext, "暗号文")
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], b"nenkin-desk/secret/v1/" + context.encode()).decode()
    except InvalidTag as exc:
        raise DecryptionError(
            f"暗号文を鍵ID「{kid}」で開けません: 改ざんされているか、別の用途のものか、"
            f"NENKIN_MYNUMBER_KEYS の鍵ID「{kid}」の鍵が暗号化したときのものと違います。"
        ) from exc


def mynumber_seal_many(
    pairs: Iterable[tuple[str, str]], *, lookup_hashes: Iterable[str] | None = None
) -> Iterator[tuple[str, str, str]]:
    """(ciphertext, key id, lookup hash) for many (number, 宛名番号) pairs.

    The same format, key, associated data and hash as mynumber_encrypt and mynumber_lookup_hash,
    for bulk imports: the cipher and the keyed hash state are set up once, not for every number.
    ``lookup_hashes``, when the caller already has them (from mynumber_lookup_hashes), are used
    as they are instead of being computed a second time.
    """
    keyring = _keyring()
    kid = next(iter(keyring))
    encrypt = AESGCM(keyring[kid]).encrypt
    hash_key = settings.MYNUMBER_HASH_KEY
    if not hash_key:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_HASH_KEY (個人番号の照合鍵) が設定されていません。")
    keyed = _Keyed(hash_key)
    b64encode, aad = base64.b64encode, _aad
    given = iter(lookup_hashes) if lookup_hashes is not None else None
    # Random nonces drawn 4,096 at a time: one system call instead of one per number.
    pool, used = b"", 0
    for number, atena_no in pairs:
        plain = number.encode()
        if used == len(pool):
            pool, used = os.urandom(12 * 4096), 0
        nonce = pool[used : used + 12]
        used += 12
        lookup_hash = keyed.hexdigest(plain) if given is None else next(given)
        yield f"v1${kid}${b64encode(nonce + encrypt(nonce, plain, aad(atena_no))).decode()}", kid, lookup_hash


def mynumber_lookup_hashes(numbers: Iterable[str]) -> Iterator[str]:
    """mynumber_lookup_hash for many numbers: the keyed state is computed once and copied."""
    key = settings.MYNUMBER_HASH_KEY
    if not key:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_HASH_KEY (個人番号の照合鍵) が設定されていません。")
    keyed = _Keyed(key)
    for number in numbers:
        yield keyed.hexdigest(number.encode())


_INNER_PAD = bytes(byte ^ 0x36 for byte in range(256))
_OUTER_PAD = bytes(byte ^ 0x5C for byte in range(256))


class _Keyed:
    """HMAC-SHA256 (RFC 2104) for many messages under one key: the same value as ``hmac.new(key, message,
    hashlib.sha256).hexdigest()`` (a test compares them), with the two padded key blocks hashed once and
    hashlib's states copied per message. hmac's own ``copy()`` builds a Python object each time and took
    three times as long: a second of a 300,000-row import (decision 51)."""

    def __init__(self, key: bytes):
        if len(key) > 64:  # SHA-256's block: a longer key is hashed first
            key = hashlib.sha256(key).digest()
        block = key.ljust(64, b"\0")
        self.inner = hashlib.sha256(block.translate(_INNER_PAD))
        self.outer = hashlib.sha256(block.translate(_OUTER_PAD))

    def hexdigest(self, message: bytes) -> str:
        inner = self.inner.copy()
        inner.update(message)
        outer = self.outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()


def import_line_key(context: bytes) -> bytes:
    """A key for the keyed digests of an extract's lines (cases.registry.imports.lines), derived from
    the lookup key: a 住民記録 line holds a 個人番号, so a plain hash of it could be brute-forced from
    the line's other values. ``context`` (kind, encoding, header) makes the same bytes under another
    header or encoding a different digest."""
    key = settings.MYNUMBER_HASH_KEY
    if not key:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_HASH_KEY (個人番号の照合鍵) が設定されていません。")
    return hmac.new(key, b"nenkin-desk/import-line/v1\x00" + context, hashlib.sha256).digest()


def key_id_of(ciphertext: str) -> str:
    """The key a ``v1$<key id>$...`` value was sealed with; '' when it is not one of ours."""
    parts = (ciphertext or "").split("$", 2)
    return parts[1] if len(parts) == 3 and parts[0] == "v1" else ""


def mynumber_reencrypt(*, ciphertext: str, atena_no: str) -> tuple[str, str]:
    """The same 個人番号 under the current (first) key; the number exists only inside this call."""
    return mynumber_encrypt(
        number=mynumber_decrypt(ciphertext=ciphertext, atena_no=atena_no), atena_no=atena_no
    )


def secret_reseal(*, ciphertext: str, context: str) -> str:
    """A sealed secret (secret_seal) under the current key, for the same context."""
    return secret_seal(plaintext=secret_open(ciphertext=ciphertext, context=context), context=context)
