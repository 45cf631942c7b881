"""The weekly bundle to 日本年金機構: 作成中 → 封緘 → 送付済 → 結果受領 / 一部返戻.

Every state change goes through TRANSITIONS (bundle_common); anything else is refused with a
Japanese message. The jobs (collect, assemble, seal) are written to be run again after a crash at
any point: they commit in small steps, re-check under row locks, and skip what is already done.
The partial unique index `bundleitem_one_live_bundle_per_case` is the last line of defence if two
builders ever race. Adding the cases lives in bundle_collect, sealing in bundle_seal, the ZIP in
bundle_assembly (what goes in it besides the documents in bundle_contents), what the screens ask for in
bundle_requests, the hand-over and results in bundle_sent, the download in bundle_download; all are
re-exported here, where their callers import them.
"""

from cases.submission.bundle_assembly import bundle_assemble
from cases.submission.bundle_collect import (
    BundleNothingToSend,
    bundle_build,
    bundle_build_off_cycle,
    bundle_collect,
    bundle_collect_resume,
    bundle_for_cutoff,
)
from cases.submission.bundle_common import (
    TRANSITIONS,
    BundleError,
    BundleSealedError,
    BundleStateError,
    bundle_contents_mark,
    bundle_number_for,
    check_transition,
    cutoff_on,
    live_case_ids,
    next_cutoff,
    sent_late_before,
    weekly_cutoff,
)
from cases.submission.bundle_download import bundle_archive_for_download
from cases.submission.bundle_requests import (
    bundle_assemble_request,
    bundle_build_request,
    bundle_off_cycle_request,
    bundle_removal_check,
    bundle_remove_case,
    bundle_resume_request,
    sealed_rebuild_refusal,
)
from cases.submission.bundle_seal import (
    BundleChanged,
    bundle_seal,
    bundle_seal_request,
    bundle_sealable_check,
    bundle_sealed_check,
    bundle_zip_check,
)
from cases.submission.bundle_sent import bundle_hand_over, bundle_mark_result, bundle_sent_check

__all__ = [
    "TRANSITIONS",
    "BundleChanged",
    "BundleError",
    "BundleNothingToSend",
    "BundleSealedError",
    "BundleStateError",
    "bundle_archive_for_download",
    "bundle_assemble",
    "bundle_assemble_request",
    "bundle_build",
    "bundle_build_off_cycle",
    "bundle_build_request",
    "bundle_collect",
    "bundle_collect_resume",
    "bundle_contents_mark",
    "bundle_for_cutoff",
    "bundle_hand_over",
    "bundle_mark_result",
    "bundle_number_for",
    "bundle_off_cycle_request",
    "bundle_removal_check",
    "bundle_remove_case",
    "bundle_resume_request",
    "bundle_seal",
    "bundle_seal_request",
    "bundle_sealable_check",
    "bundle_sealed_check",
    "bundle_sent_check",
    "bundle_zip_check",
    "check_transition",
    "cutoff_on",
    "live_case_ids",
    "next_cutoff",
    "sealed_rebuild_refusal",
    "sent_late_before",
    "weekly_cutoff",
]
