"""Bundle ZIPs at rest, one sealed file per bundle (format: cases.security.sealed_files). The associated data
is the bundle number, so a file copied onto another bundle's row will not open."""

from cases.security.sealed_files import SealError, media_path, sealed_file_read, sealed_file_write

MAGIC = b"NBDL1"
SUBDIR = "bundles"


class BundleFileError(Exception):
    """The stored ZIP is missing, not ours, tampered with, belongs to another bundle, or its key is gone."""

    def __init__(self, message: str, *, missing: bool = False):
        super().__init__(message)
        self.missing = missing  # the file is gone: a draft makes it again, a sealed bundle restores it


def _aad(number: str) -> bytes:
    return b"nenkin-desk/bundle/v1/" + number.encode()


def archive_name(*, number: str, sha256: str) -> str:
    return f"{SUBDIR}/{number}-{sha256[:16]}.zip.sealed"


def archive_write(*, name: str, plain: bytes, number: str) -> None:
    sealed_file_write(name=name, magic=MAGIC, plain=plain, aad=_aad(number))


def archive_read(*, name: str, number: str) -> bytes:
    try:
        return sealed_file_read(name=name, magic=MAGIC, aad=_aad(number))
    except SealError as exc:
        raise BundleFileError(
            {
                SealError.MISSING: "送付データのファイルが見つかりません。ZIP を再作成してください。",
                SealError.FORMAT: "送付データのファイル形式が正しくありません。",
                SealError.KEY: f"送付データの鍵 ({exc.key_id}) がありません。",
                SealError.TAMPERED: "送付データのファイルが改ざんされているか、別の送付のものです。",
            }[exc.reason],
            missing=exc.reason == SealError.MISSING,
        ) from exc


def archive_remove(*, name: str) -> None:
    if name:
        media_path(name).unlink(missing_ok=True)
