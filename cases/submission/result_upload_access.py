"""Who may act on a pending 処理結果一覧表 upload (cases/submission/results_confirm.py): a 係長 of the
uploader's office (or the 本庁's), on an upload still pending, taken under its row lock."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cases.security.models.users import User
from cases.security.scope import user_acts_for
from cases.submission.result_upload_check import ResultUploadError
from cases.submission.result_uploads import ResultUpload

PERMISSION = "cases.import_results"


def _require(user: User) -> None:
    if not user.has_perm(PERMISSION):
        raise PermissionDenied(_("処理結果一覧表の取込は係長のみ行えます。"))


def result_upload_scope_check(upload: ResultUpload, by: User) -> None:
    """An upload is its uploader's office's: only that office's 係長 (or the 本庁's, city-wide) decide
    it. A branch 係長 threw away the 本庁's pending upload (exploratory test, 2026-12-06)."""
    office = upload.uploaded_by.office
    if not user_acts_for(by, office.pk if office else None):
        raise PermissionDenied(
            _("他の事務所 (%(office)s) の係長が取り込んだものです。反映・却下はその事務所の係長が行います。")
            % {"office": office.name if office else "―"}
        )


def _pending(upload: ResultUpload, by: User) -> ResultUpload:
    _require(by)
    locked = (
        ResultUpload.objects.select_for_update(of=("self",))
        .select_related("uploaded_by__office")
        .get(pk=upload.pk)
    )
    result_upload_scope_check(locked, by)  # before the state: another office learns nothing by acting
    if locked.state != ResultUpload.State.PENDING:
        raise ResultUploadError(
            _("この取込は既に「%(state)s」です。") % {"state": locked.get_state_display()}
        )
    return locked
