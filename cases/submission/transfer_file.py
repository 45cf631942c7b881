"""住基への移転 files at rest, one sealed file per transfer (format: cases.security.sealed_files). The
associated data names the transfer, so a file copied onto another transfer's row will not open."""

from django.utils.translation import gettext as _

from cases.security.sealed_files import SealError, sealed_file_read, sealed_file_write

MAGIC = b"NRTX1"
SUBDIR = "transfers"


class TransferFileError(Exception):
    """Missing, tampered with, another transfer's, or its key is gone."""


def _aad(transfer_id: int) -> bytes:
    return b"nenkin-desk/registry-transfer/v1/" + str(transfer_id).encode()


def transfer_file_name(*, transfer_id: int, sha256: str) -> str:
    return f"{SUBDIR}/{transfer_id}-{sha256[:16]}.csv.sealed"


def transfer_file_write(*, name: str, plain: bytes, transfer_id: int) -> None:
    sealed_file_write(name=name, magic=MAGIC, plain=plain, aad=_aad(transfer_id))


def transfer_file_read(*, name: str, transfer_id: int) -> bytes:
    try:
        return sealed_file_read(name=name, magic=MAGIC, aad=_aad(transfer_id))
    except SealError as exc:
        messages = {
            SealError.MISSING: _("移転ファイルが見つかりません。"),
            SealError.FORMAT: _("移転ファイルの形式が正しくありません。"),
            SealError.KEY: _("移転ファイルの鍵 (%(key_id)s) がありません。") % {"key_id": exc.key_id},
            SealError.TAMPERED: _("移転ファイルが改ざんされているか、別の移転のものです。"),
        }
        raise TransferFileError(messages[exc.reason]) from exc
