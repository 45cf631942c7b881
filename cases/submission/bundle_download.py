"""The download of a bundle's ZIP: decrypted, checked against its SHA-256, logged under each person.
cases.submission.bundles re-exports it."""

from django.utils.translation import gettext as _

from cases.security.audit import audit_record, audit_record_each
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission.bundle_common import BundleError, State, bundle_people, require
from cases.submission.models import SubmissionBundle


def bundle_archive_for_download(*, bundle: SubmissionBundle, by: User, request=None) -> bytes:
    """The decrypted ZIP, checked against the recorded SHA-256, and the download logged (EXPORT)."""
    from cases.submission.archive import sha256_hex
    from cases.submission.storage import BundleFileError, archive_read

    require(by, "cases.download_bundle", _("送付データをダウンロードする権限がありません。"))
    if not bundle.archive:
        raise BundleError(_("送付 %(number)s の ZIP はまだ作成されていません。") % {"number": bundle.number})
    # A draft's ZIP is made again (「ZIP を再作成」); a sealed one is not (bundle_assemble_request), so
    # its lost or changed file comes back from the backup of the media files (operations.md).
    sealed = bundle.state != State.DRAFT
    try:
        data = archive_read(name=bundle.archive, number=bundle.number)
    except BundleFileError as exc:
        if sealed and exc.missing:
            raise BundleFileError(
                _(
                    "送付データのファイルが見つかりません。封緘した ZIP は作り直せません。バックアップから戻してください。"
                ),
                missing=True,
            ) from exc
        raise
    if sha256_hex(data) != bundle.archive_sha256:
        raise BundleError(
            _(
                "ZIP が作成時の内容と一致しません (SHA-256 不一致)。封緘した ZIP は作り直せません。"
                "バックアップから戻してください。"
            )
            if sealed
            else _("ZIP が作成時の内容と一致しません (SHA-256 不一致)。ZIP を再作成してください。")
        )
    audit_record(
        action=AuditAction.EXPORT,
        request=request,
        actor=by,
        target=f"bundle:{bundle.number}",
        purpose="送付データ (ZIP) のダウンロード",
        detail={
            "bundle": bundle.number,
            "state": bundle.state,
            "sha256": bundle.archive_sha256,
            "cases": (bundle.manifest or {}).get("counts", {}).get("cases"),
        },
    )
    # And under each person the ZIP holds, so that the auditor's filter by 宛名番号 finds the download.
    audit_record_each(
        people=bundle_people(bundle.pk),
        action=AuditAction.EXPORT,
        request=request,
        actor=by,
        target=f"bundle:{bundle.number}",
        purpose="送付データ (ZIP) のダウンロード",
        detail={"bundle": bundle.number, "sha256": bundle.archive_sha256},
    )
    return data
