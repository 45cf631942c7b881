"""The raw 処理結果一覧表 an upload keeps, sealed with its SHA-256 (cases/submission/results_confirm.py):
read back only if it is exactly what was uploaded, and sealed again under a rotated key."""

import hashlib

from django.utils.translation import gettext as _

from cases.security.sealed_files import SealError, sealed_file_read, sealed_file_write
from cases.submission.result_upload_check import ResultUploadError
from cases.submission.result_uploads import ResultUpload

MAGIC = b"NRES1"
SUBDIR = "results"


def _aad(sha256: str) -> bytes:
    return b"nenkin-desk/results/v1/" + sha256.encode()


def result_upload_file(upload: ResultUpload) -> bytes:
    """The raw file as uploaded; refused if it is not exactly what was uploaded."""
    try:
        data = sealed_file_read(name=upload.stored, magic=MAGIC, aad=_aad(upload.sha256))
    except SealError as exc:
        raise ResultUploadError(
            _("取り込んだファイルを開けません (%(reason)s)。") % {"reason": exc.reason}
        ) from exc
    if hashlib.sha256(data).hexdigest() != upload.sha256:
        raise ResultUploadError(_("取り込んだファイルが取込時の内容と一致しません (SHA-256 不一致)。"))
    return data


def result_upload_reseal(upload: ResultUpload) -> None:
    """Key rotation: the same bytes under the keyring's first key."""
    sealed_file_write(
        name=upload.stored, magic=MAGIC, plain=result_upload_file(upload), aad=_aad(upload.sha256)
    )
