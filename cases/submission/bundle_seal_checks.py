"""The checks before a bundle is sealed: that it can be sealed as it stands, that its ZIP stands, that its
cases are those the 係長 confirmed, and which of its cases still wait (cases/submission/bundle_seal.py)."""

from django.utils.translation import gettext as _

from cases.common.progress import job_stalled
from cases.kernel.models import Stage
from cases.submission.bundle_common import (
    BundleError,
    BundleStateError,
    State,
    bundle_contents_mark,
    collected_check,
    live_case_ids,
)
from cases.submission.bundle_contents import validate_records
from cases.submission.datafile import DataFileError
from cases.submission.models import BundleItem, SubmissionBundle


def bundle_sealed_check(bundle: SubmissionBundle) -> None:
    """Raises BundleStateError when a sealed bundle's seal is complete (every case 送付済, the manifest
    written): nothing is left to seal. A seal that stopped halfway passes, to be run again."""
    if (
        bundle.state == State.SEALED
        and (bundle.manifest or {}).get("sealed")
        and not pending_case_ids(bundle)
    ):
        raise BundleStateError(_("送付 %(number)s は封緘済みです。") % {"number": bundle.number})


class BundleChanged(BundleError):
    """The bundle's cases are no longer those the 係長 confirmed on the seal page."""


def _reviewed_check(bundle: SubmissionBundle, reviewed: str) -> None:
    if not reviewed:
        raise BundleChanged(_("封緘の画面を開き直してください (確認した内容の記録がありません)。"))
    now = bundle_contents_mark(live_case_ids(bundle))
    if now != reviewed:
        raise BundleChanged(
            _(
                "確認した後に送付の内容が変わりました (確認時 %(then)s件、現在 %(now)s件)。"
                "下の内容を確かめて、もう一度封緘してください。"
            )
            % {"then": reviewed.split("-", 1)[0], "now": now.split("-", 1)[0]}
        )


def bundle_sealable_check(bundle: SubmissionBundle) -> list[int]:
    """Raises BundleStateError when a draft cannot be sealed as it stands, so that the seal page is not
    offered either: its adding of cases never ran to its end, or it holds no case. Returns its cases."""
    collected_check(bundle)
    case_ids = live_case_ids(bundle)
    if bundle.state == State.DRAFT and not case_ids:
        raise BundleStateError(
            _("送付 %(number)s には案件がありません。空の送付は封緘できません。") % {"number": bundle.number}
        )
    return case_ids


def bundle_zip_check(bundle: SubmissionBundle) -> None:
    """Raises BundleStateError while a draft's ZIP does not stand as the 係長 would seal it: being made,
    its last build (or the seal's record check) stopped, or none made. The seal page then shows why
    instead of its button: the seal would otherwise stop on the same problem after the 係長 confirmed,
    or race the ZIP being made."""
    if bundle.state != State.DRAFT:
        return  # a sealed bundle's seal is run again to finish it, whatever stopped it
    if bundle.job and not job_stalled(bundle.job_beat_at):
        raise BundleStateError(
            _("送付 %(number)s は処理中です。処理が終わってから封緘してください。")
            % {"number": bundle.number}
        )
    if bundle.job_error:
        raise BundleStateError(
            _(
                "送付 %(number)s は前回の処理が止まっています。原因を直し、送付の画面の「ZIP を再作成」で"
                "作り直してから封緘してください。"
            )
            % {"number": bundle.number}
        )
    if not bundle.archive:
        raise BundleStateError(
            _(
                "送付 %(number)s の ZIP がありません。送付の画面の「ZIP を再作成」で作成してから封緘してください。"
            )
            % {"number": bundle.number}
        )


def _seal_precheck(bundle: SubmissionBundle) -> None:
    case_ids = bundle_sealable_check(bundle)
    try:
        validate_records(bundle=bundle, case_ids=case_ids)
    except DataFileError as exc:
        raise BundleError(
            _("%(problems)s\n該当する案件を修正するか、送付から除外してから封緘してください。")
            % {"problems": exc}
        ) from exc


def pending_case_ids(bundle: SubmissionBundle) -> list[int]:
    return list(
        BundleItem.objects.filter(bundle=bundle, live=True, case__stage=Stage.READY_TO_SEND)
        .order_by("case__number")
        .values_list("case_id", flat=True)
    )
