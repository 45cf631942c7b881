"""Generated PDFs at rest: AES-256-GCM with the application keyring, one file per document.

File format: ``NDOC1`` + key id length (1 byte) + key id + nonce (12 bytes) + ciphertext+tag. The
associated data is the document id, so a file copied onto another document's row will not open.
"""

import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAGIC = b"NDOC1"
SUBDIR = "documents"


class SealedFileError(Exception):
    """The stored file is not ours, was tampered with, belongs to another document, or its key is gone."""


def _keyring() -> dict[str, bytes]:
    keys = settings.MYNUMBER_KEYS
    if not keys:
        raise ImproperlyConfigured("NENKIN_MYNUMBER_KEYS (暗号鍵) が設定されていません。")
    return keys


def _aad(document_id: int) -> bytes:
    return b"nenkin-desk/document/v1/" + str(document_id).encode()


def seal(*, plain: bytes, document_id: int) -> bytes:
    keyring = _keyring()
    key_id = next(iter(keyring))
    encoded_id = key_id.encode()
    nonce = os.urandom(12)
    sealed = AESGCM(keyring[key_id]).encrypt(nonce, plain, _aad(document_id))
    return MAGIC + bytes([len(encoded_id)]) + encoded_id + nonce + sealed


def open_sealed(*, sealed: bytes, document_id: int) -> bytes:
    if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + 1:
        raise SealedFileError("帳票ファイルの形式が正しくありません。")
    offset = len(MAGIC) + 1
    key_id = sealed[offset : offset + sealed[len(MAGIC)]].decode(errors="replace")
    offset += len(key_id.encode())
    key = _keyring().get(key_id)
    if key is None:
        raise SealedFileError(f"帳票ファイルの鍵 ({key_id}) がありません。")
    try:
        return AESGCM(key).decrypt(sealed[offset : offset + 12], sealed[offset + 12 :], _aad(document_id))
    except InvalidTag as exc:
        raise SealedFileError("帳票ファイルが改ざんされているか、別の帳票のものです。") from exc


def media_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def file_name_for(*, document_id: int, sha256: str) -> str:
    # Spread over directories so no single one holds a year's worth of files.
    return f"{SUBDIR}/{document_id // 1000:05d}/{document_id}-{sha256[:16]}.pdf.sealed"


def write_sealed(*, name: str, plain: bytes, document_id: int) -> None:
    """Written to a temporary file and renamed, so a reader never sees half a file."""
    path = media_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(seal(plain=plain, document_id=document_id))
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_sealed(*, name: str, document_id: int) -> bytes:
    try:
        sealed = media_path(name).read_bytes()
    except FileNotFoundError as exc:
        raise SealedFileError("帳票ファイルが見つかりません。") from exc
    return open_sealed(sealed=sealed, document_id=document_id)
