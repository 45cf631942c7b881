"""A sealed bundle handed over to 機構 (封緘 → 送付済, the 送付日 on every case) and its results received
(送付済 → 結果受領 / 一部返戻). cases.submission.bundles re-exports them."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
from cases.kernel.models import Case, CaseEvent
from cases.registry.models.pension import Exemption
from cases.security.audit_purposes import purpose_handed_over, purpose_results_received
from cases.security.models.audit import AuditAction
from cases.security.models.users import User
from cases.submission import texts
from cases.submission.bundle_common import (
    BundleError,
    BundleStateError,
    State,
    audit_bundle,
    check_transition,
    live_case_ids,
    locked_bundle,
    require,
    timeline_add,
    transition,
)
from cases.submission.bundle_seal import pending_case_ids
from cases.submission.hand_over import hand_over_check, hand_over_said
from cases.submission.models import SubmissionBundle


def bundle_sent_check(bundle: SubmissionBundle) -> None:
    """Raises BundleStateError once the 送付日 is recorded: nothing is left to seal or hand over, and
    the message says when it went (a bookmarked page, a second click). So after 機構's results too."""
    if bundle.state in (State.SENT, State.RESULT_RECEIVED, State.PARTIALLY_RETURNED):
        raise BundleStateError(
            _("送付 %(number)s は送付日を記録済みです (送付日 %(sent_on)s)。")
            % {"number": bundle.number, "sent_on": date_show(bundle.sent_on)}
        )


# --- hand over and results -------------------------------------------------------------------


@transaction.atomic
def bundle_hand_over(
    *, bundle: SubmissionBundle, by: User, sent_on: dt.date, medium: str, received_by: str
) -> SubmissionBundle:
    """封緘 → 送付済: records the 送付日 on every case and its 免除情報, and on the bundle the 媒体 and who
    at 機構 received it (SubmissionBundle.Medium: no flash memory)."""
    require(by, "cases.seal_bundle", _("送付日を記録できるのは係長のみです。"))
    received_by = hand_over_check(medium, received_by)
    locked = locked_bundle(bundle.pk)
    bundle_sent_check(locked)
    check_transition(locked, State.SENT)
    pending = pending_case_ids(locked)
    if pending or locked.job or not (locked.manifest or {}).get("sealed"):
        raise BundleError(
            _(
                "送付 %(number)s の封緘処理が完了していません (未処理 %(pending)s 件)。"
                "封緘を再実行してから送付日を記録してください。"
            )
            % {"number": locked.number, "pending": len(pending)}
        )
    if sent_on > timezone.localdate():
        raise BundleError(_("送付日に未来の日付は指定できません。"))
    if sent_on < timezone.localdate(locked.sealed_at):
        raise BundleError(_("送付日は封緘日以降の日付にしてください。"))
    transition(locked, State.SENT)
    locked.sent_on, locked.handed_over_by = sent_on, by
    locked.handed_over_medium, locked.received_by = medium, received_by
    locked.save(update_fields=["state", "sent_on", "handed_over_by", "handed_over_medium", "received_by"])
    case_ids = live_case_ids(locked)
    cases = list(Case.objects.filter(pk__in=case_ids).order_by("number"))
    Case.objects.filter(pk__in=case_ids).update(sent_on=sent_on, updated_at=timezone.now())
    numbers = [case.number for case in cases]
    Exemption.objects.filter(Q(case_id__in=case_ids) | Q(reference_no__in=numbers)).update(
        sent_on=sent_on, updated_at=timezone.now()
    )
    medium_label = SubmissionBundle.Medium(medium).label
    said = texts.HANDED_OVER_VIA(
        bundle=locked.number,
        sent_on=sent_on,
        office=settings.NENKIN_PENSION_OFFICE,
        medium=medium_label,
        received_by=received_by,
    )
    timeline_add(cases, actor=by, action=CaseEvent.Action.HANDED_OVER, text=said)
    audit_bundle(
        bundle=locked,
        by=by,
        action=AuditAction.EXPORT,
        purpose=purpose_handed_over(settings.NENKIN_PENSION_OFFICE),
        sent_on=sent_on.isoformat(),
        cases=len(case_ids),
        sha256=locked.archive_sha256,
        medium=medium,
        received_by=received_by,
        reason=hand_over_said(medium_label, received_by),
    )
    return locked


@transaction.atomic
def bundle_mark_result(*, bundle: SubmissionBundle, partially_returned: bool) -> SubmissionBundle:
    """送付済 → 結果受領, or → 一部返戻 when 機構 returned some cases. Called by the results import."""
    locked = locked_bundle(bundle.pk)
    target = State.PARTIALLY_RETURNED if partially_returned else State.RESULT_RECEIVED
    transition(locked, target)
    locked.save(update_fields=["state"])
    audit_bundle(
        bundle=locked,
        by=None,
        action=AuditAction.CHANGE,
        # The state's label in the log's words, not the applying 係長's screen language.
        purpose=purpose_results_received(State(locked.state).label),
    )
    bundle.state = locked.state
    return locked
