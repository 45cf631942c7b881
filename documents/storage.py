"""Generated PDFs at rest, one sealed file per document (format: cases.security.sealed_files). The associated
data is the document id, so a file copied onto another document's row will not open."""

from cases.security.sealed_files import SealError, sealed_file_read, sealed_file_write, unseal_bytes

MAGIC = b"NDOC1"
SUBDIR = "documents"


class SealedFileError(Exception):
    """The stored file is not ours, was tampered with, belongs to another document, or its key is gone."""


def _aad(document_id: int) -> bytes:
    return b"nenkin-desk/document/v1/" + str(document_id).encode()


def _error(exc: SealError) -> SealedFileError:
    return SealedFileError(
        {
            SealError.MISSING: "帳票ファイルが見つかりません。",
            SealError.FORMAT: "帳票ファイルの形式が正しくありません。",
            SealError.KEY: f"帳票ファイルの鍵 ({exc.key_id}) がありません。",
            SealError.TAMPERED: "帳票ファイルが改ざんされているか、別の帳票のものです。",
        }[exc.reason]
    )


def open_sealed(*, sealed: bytes, document_id: int) -> bytes:
    try:
        return unseal_bytes(magic=MAGIC, sealed=sealed, aad=_aad(document_id))
    except SealError as exc:
        raise _error(exc) from exc


def file_name_for(*, document_id: int, sha256: str) -> str:
    # Spread over directories so no single one holds a year's worth of files.
    return f"{SUBDIR}/{document_id // 1000:05d}/{document_id}-{sha256[:16]}.pdf.sealed"


def write_sealed(*, name: str, plain: bytes, document_id: int) -> None:
    sealed_file_write(name=name, magic=MAGIC, plain=plain, aad=_aad(document_id))


def read_sealed(*, name: str, document_id: int) -> bytes:
    try:
        return sealed_file_read(name=name, magic=MAGIC, aad=_aad(document_id))
    except SealError as exc:
        raise _error(exc) from exc
