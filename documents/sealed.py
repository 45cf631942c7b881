"""The documents app's sealed data for key rotation: 個人番号 in snapshots, and the stored PDFs."""

from cases.security.crypto import DecryptionError, mynumber_reencrypt
from cases.security.sealed_files import media_path
from cases.security.sealed_stores import (
    DOCUMENT_FILES,
    SNAPSHOTS,
    SealedColumn,
    SealedFiles,
    sealed_store_register,
)
from documents.models import Document
from documents.storage import SealedFileError, open_sealed, write_sealed


def _snapshot_reseal(document: Document) -> None:
    """Documents keep the 個人番号 ciphertext of when they were issued, to print it at render time."""
    part = document.context["mynumber"]
    ciphertext, _kid = mynumber_reencrypt(ciphertext=part["ciphertext"], atena_no=part["atena_no"])
    document.context = {**document.context, "mynumber": {**part, "ciphertext": ciphertext}}


def _document_reseal(document: Document) -> None:
    plain = open_sealed(sealed=media_path(document.file).read_bytes(), document_id=document.pk)
    write_sealed(name=document.file, plain=plain, document_id=document.pk)


sealed_store_register(
    SealedColumn(
        kind=SNAPSHOTS,
        rows=lambda: Document.objects.filter(context__mynumber__has_key="ciphertext").only("pk", "context"),
        lookup="context__mynumber__ciphertext",
        sealed_of=lambda document: document.context["mynumber"]["ciphertext"],
        reseal=_snapshot_reseal,
        fields=("context",),
        errors=(DecryptionError, KeyError),
    )
)
sealed_store_register(
    SealedFiles(
        kind=DOCUMENT_FILES,
        rows=lambda: Document.objects.exclude(file="").only("pk", "file"),
        magic=b"NDOC1",
        name_of=lambda document: document.file,
        reseal=_document_reseal,
        errors=(SealedFileError, OSError),
    )
)
