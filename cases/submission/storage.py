"""Bundle ZIPs at rest: AES-256-GCM with the application keyring, like documents.storage does for PDFs.

File format: ``NBDL1`` + key id length (1 byte) + key id + nonce (12 bytes) + ciphertext+tag. The
associated data is the bundle number, so a file copied onto another bundle's row will not open.
documents.storage binds its files to a document id and cannot be reused for bundles as it stands.
"""

import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAGIC = b"NBDL1"
SUBDIR = "bundles"


class BundleFileError(Exception):
    """The stored ZIP is missing, not ours, tampered with, belongs to another bundle, or its key is gone."""


def _keyring() -> dict[str, bytes]:
    keys = settings.MYNUMBER_KEYS
    if not keys:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_KEYS (暗号鍵) が設定されていません。")
    return keys


def _aad(number: str) -> bytes:
    return b"nenkin-desk/bundle/v1/" + number.encode()


def archive_name(*, number: str, sha256: str) -> str:
    return f"{SUBDIR}/{number}-{sha256[:16]}.zip.sealed"


def archive_write(*, name: str, plain: bytes, number: str) -> None:
    """Written to a temporary file and renamed, so a reader never sees half a file."""
    keyring = _keyring()
    key_id = next(iter(keyring))
    nonce = os.urandom(12)
    sealed = AESGCM(keyring[key_id]).encrypt(nonce, plain, _aad(number))
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + bytes([len(key_id.encode())]) + key_id.encode() + nonce + sealed)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def archive_read(*, name: str, number: str) -> bytes:
    try:
        sealed = (Path(settings.MEDIA_ROOT) / name).read_bytes()
    except FileNotFoundError as exc:
        raise BundleFileError("送付データのファイルが見つかりません。ZIP を再作成してください。") from exc
    if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + 1:
        raise BundleFileError("送付データのファイル形式が正しくありません。")
    offset = len(MAGIC) + 1
    key_id = sealed[offset : offset + sealed[len(MAGIC)]].decode(errors="replace")
    offset += len(key_id.encode())
    key = _keyring().get(key_id)
    if key is None:
        raise BundleFileError(f"送付データの鍵 ({key_id}) がありません。")
    try:
        return AESGCM(key).decrypt(sealed[offset : offset + 12], sealed[offset + 12 :], _aad(number))
    except InvalidTag as exc:
        raise BundleFileError("送付データのファイルが改ざんされているか、別の送付のものです。") from exc


def archive_remove(*, name: str) -> None:
    if name:
        (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)
