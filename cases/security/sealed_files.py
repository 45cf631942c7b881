"""Files at rest sealed with the application keyring (AES-256-GCM): generated documents, bundle ZIPs
and 住基 transfer files share this format; each kind has its own magic and associated data, so a file
copied onto another row (or read as another kind) does not open.

Format: magic (5 bytes) + key id length (1 byte) + key id + nonce (12 bytes) + ciphertext+tag.
"""

import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SealError(Exception):
    """Why a sealed file cannot be opened; each kind words it for its own users."""

    MISSING, FORMAT, KEY, TAMPERED = "missing", "format", "key", "tampered"

    def __init__(self, reason: str, key_id: str = "") -> None:
        super().__init__(reason)
        self.reason, self.key_id = reason, key_id


def keyring() -> dict[str, bytes]:
    keys = settings.MYNUMBER_KEYS
    if not keys:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_KEYS (暗号鍵) が設定されていません。")
    return keys


def media_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def header_key_id(head: bytes, magic: bytes) -> str | None:
    """The key id a sealed file names (its first bytes are enough); None if the header is not ours."""
    if not head.startswith(magic) or len(head) <= len(magic):
        return None
    length = head[len(magic)]
    return head[len(magic) + 1 : len(magic) + 1 + length].decode(errors="replace")


def seal_bytes(*, magic: bytes, plain: bytes, aad: bytes) -> bytes:
    """Under the keyring's first key."""
    key_id = next(iter(keyring()))
    encoded = key_id.encode()
    nonce = os.urandom(12)
    return (
        magic + bytes([len(encoded)]) + encoded + nonce + AESGCM(keyring()[key_id]).encrypt(nonce, plain, aad)
    )


def unseal_bytes(*, magic: bytes, sealed: bytes, aad: bytes) -> bytes:
    key_id = header_key_id(sealed, magic)
    if key_id is None:
        raise SealError(SealError.FORMAT)
    key = keyring().get(key_id)
    if key is None:
        raise SealError(SealError.KEY, key_id)
    offset = len(magic) + 1 + len(key_id.encode())
    try:
        return AESGCM(key).decrypt(sealed[offset : offset + 12], sealed[offset + 12 :], aad)
    except InvalidTag as exc:
        raise SealError(SealError.TAMPERED, key_id) from exc


def sealed_file_write(*, name: str, magic: bytes, plain: bytes, aad: bytes) -> None:
    """Owner-only, written to a temporary file and renamed, so a reader never sees half a file."""
    path = media_path(name)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # mkstemp creates it 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(seal_bytes(magic=magic, plain=plain, aad=aad))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sealed_file_read(*, name: str, magic: bytes, aad: bytes) -> bytes:
    try:
        sealed = media_path(name).read_bytes()
    except FileNotFoundError as exc:
        raise SealError(SealError.MISSING) from exc
    return unseal_bytes(magic=magic, sealed=sealed, aad=aad)
