"""住基への移転 files at rest: AES-256-GCM with the application keyring, like generated documents.

Format: ``NRTX1`` + key id length (1 byte) + key id + nonce (12 bytes) + ciphertext+tag. The
associated data names the transfer, so a file copied onto another transfer's row will not open.
"""

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from documents.storage import media_path

MAGIC = b"NRTX1"
SUBDIR = "transfers"


class TransferFileError(Exception):
    """Missing, tampered with, another transfer's, or its key is gone."""


def _keyring() -> dict[str, bytes]:
    keys = settings.MYNUMBER_KEYS
    if not keys:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_KEYS (暗号鍵) が設定されていません。")
    return keys


def _aad(transfer_id: int) -> bytes:
    return b"nenkin-desk/registry-transfer/v1/" + str(transfer_id).encode()


def transfer_file_name(*, transfer_id: int, sha256: str) -> str:
    return f"{SUBDIR}/{transfer_id}-{sha256[:16]}.csv.sealed"


def transfer_file_write(*, name: str, plain: bytes, transfer_id: int) -> None:
    key_id = next(iter(_keyring()))
    nonce = os.urandom(12)
    sealed = AESGCM(_keyring()[key_id]).encrypt(nonce, plain, _aad(transfer_id))
    encoded = key_id.encode()
    path = media_path(name)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = path.with_name(f".tmp-{path.name}")
    # Owner-only from the first byte, and renamed into place so nobody reads half a file.
    descriptor = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(MAGIC + bytes([len(encoded)]) + encoded + nonce + sealed)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def transfer_file_read(*, name: str, transfer_id: int) -> bytes:
    try:
        sealed = media_path(name).read_bytes()
    except FileNotFoundError as exc:
        raise TransferFileError(_("移転ファイルが見つかりません。")) from exc
    if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + 1:
        raise TransferFileError(_("移転ファイルの形式が正しくありません。"))
    offset = len(MAGIC) + 1
    key_id = sealed[offset : offset + sealed[len(MAGIC)]].decode(errors="replace")
    offset += len(key_id.encode())
    key = _keyring().get(key_id)
    if key is None:
        raise TransferFileError(_("移転ファイルの鍵 (%(key_id)s) がありません。") % {"key_id": key_id})
    try:
        return AESGCM(key).decrypt(sealed[offset : offset + 12], sealed[offset + 12 :], _aad(transfer_id))
    except InvalidTag as exc:
        raise TransferFileError(_("移転ファイルが改ざんされているか、別の移転のものです。")) from exc
