"""The submission part's sealed files for key rotation: bundle ZIPs and 住基 transfer files."""

from cases.security.sealed_stores import (
    BUNDLE_FILES,
    RESULT_FILES,
    TRANSFER_FILES,
    SealedFiles,
    sealed_store_register,
)
from cases.submission.models import RegistryTransfer, SubmissionBundle
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_confirm import MAGIC as RESULT_MAGIC
from cases.submission.results_confirm import ResultUploadError, result_upload_reseal
from cases.submission.storage import BundleFileError, archive_read, archive_write
from cases.submission.transfer_file import TransferFileError, transfer_file_read, transfer_file_write


def _bundle_reseal(bundle: SubmissionBundle) -> None:
    archive_write(
        name=bundle.archive,
        plain=archive_read(name=bundle.archive, number=bundle.number),
        number=bundle.number,
    )


def _transfer_reseal(transfer: RegistryTransfer) -> None:
    plain = transfer_file_read(name=transfer.file, transfer_id=transfer.pk)
    transfer_file_write(name=transfer.file, plain=plain, transfer_id=transfer.pk)


sealed_store_register(
    SealedFiles(
        kind=BUNDLE_FILES,
        rows=lambda: SubmissionBundle.objects.exclude(archive="").only("pk", "archive", "number"),
        magic=b"NBDL1",
        name_of=lambda bundle: bundle.archive,
        reseal=_bundle_reseal,
        errors=(BundleFileError, OSError),
    )
)
sealed_store_register(
    SealedFiles(
        kind=TRANSFER_FILES,
        rows=lambda: RegistryTransfer.objects.exclude(file="").only("pk", "file"),
        magic=b"NRTX1",
        name_of=lambda transfer: transfer.file,
        reseal=_transfer_reseal,
        errors=(TransferFileError, OSError),
    )
)
sealed_store_register(
    SealedFiles(
        kind=RESULT_FILES,
        rows=lambda: ResultUpload.objects.only("pk", "stored", "sha256"),
        magic=RESULT_MAGIC,
        name_of=lambda upload: upload.stored,
        reseal=result_upload_reseal,
        errors=(ResultUploadError, OSError),
    )
)
