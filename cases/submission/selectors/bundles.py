"""Reading bundles for the screens."""

import datetime as dt

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.common.progress import job_stalled
from cases.kernel.access import cases_visible_to
from cases.kernel.casetypes import filing_form_of, related_paths
from cases.kernel.filing import FilingForm
from cases.kernel.models import Case
from cases.kernel.stages import BEFORE_SENDING
from cases.security.models.users import User
from cases.submission.bundle_collect import waiting_cases
from cases.submission.bundle_common import sent_late_before
from cases.submission.models import BundleItem, SubmissionBundle

JOB_LABELS = {"collect": _("案件の追加"), "assemble": _("ZIPの作成"), "seal": _("封緘 (送付待ちの完了)")}


# An item was sent when it was still in the bundle at sealing: live, or taken out afterwards — only
# 機構's 返戻 does that (bundle_case_remove refuses a sealed bundle). The rest were excluded before.
SENT = Q(live=True) | Q(removed_at__gt=F("bundle__sealed_at"))
RETURNED = Q(live=False, removed_at__gt=F("bundle__sealed_at"))


def bundles_list() -> QuerySet[SubmissionBundle]:
    """With ``live_count`` (the cases sent, or to be sent while it is built) and ``removed_count`` (the
    cases excluded before sealing)."""
    sent = Q(items__live=True) | Q(items__removed_at__gt=F("sealed_at"))
    return (
        SubmissionBundle.objects.annotate(
            live_count=Count("items", filter=sent),
            removed_count=Count("items", filter=~sent),
        )
        .select_related("sealed_by", "handed_over_by")
        .order_by("-cutoff_at", "-id")
    )


def bundle_items_for(*, bundle: SubmissionBundle, user: User) -> tuple[QuerySet[BundleItem], int]:
    """The items sent (or to be sent) this user may see (office scoping as everywhere), and how many
    are hidden. A case 機構 returned stays among them (``live`` False: the screen marks it 返戻)."""
    items = (
        bundle.items.filter(SENT).select_related("case__resident", "case__office").order_by("case__number")
    )
    visible = items.filter(case__in=cases_visible_to(user))
    return visible, items.count() - visible.count()


def bundle_removed_items(*, bundle: SubmissionBundle, user: User) -> QuerySet[BundleItem]:
    return (
        bundle.items.filter(live=False, case__in=cases_visible_to(user))
        .exclude(RETURNED)
        .select_related("case", "removed_by")
        .order_by("removed_at")
    )


def bundle_form_counts(*, bundle: SubmissionBundle) -> list[tuple[str, str, str, int]]:
    """(code, form, gloss, count) for the items sent, in code order (a sealed bundle's as its manifest
    counts them): the form by 機構's official title, with what it means in the reader's language beside
    it on a screen in another language (FilingForm.gloss_shown). One query: the cases with their
    application rows, each counted on the form its type says."""
    forms: dict[str, FilingForm] = {}
    counts: dict[str, int] = {}
    sent = bundle.items.filter(SENT).values("case_id")
    cases = Case.objects.filter(pk__in=sent).select_related(*related_paths())
    for case in cases:
        form = filing_form_of(case)
        forms[form.code] = form
        counts[form.code] = counts.get(form.code, 0) + 1
    return [
        (code, forms[code].data_label, forms[code].gloss_shown, count)
        for code, count in sorted(counts.items())
    ]


def bundle_progress(bundle: SubmissionBundle) -> dict | None:
    """The job as the screen shows it; `stalled` when its worker stopped answering (issue 11 M4)."""
    if not bundle.job:
        return None
    total = bundle.job_total
    return {
        "label": str(JOB_LABELS.get(bundle.job, bundle.job)),
        "done": bundle.job_done,
        "total": total,
        "percent": int(100 * bundle.job_done / total) if total else 0,
        "stalled": job_stalled(bundle.job_beat_at),
    }


def bundle_upcoming(*, user: User) -> QuerySet[Case]:
    """The approved cases a bundle built now would take (the next weekly bundle takes these and what is
    approved until its cut-off), earliest 送付期限 first."""
    return (
        waiting_cases(cutoff_at=timezone.now())
        .filter(pk__in=cases_visible_to(user).values("pk"))
        .select_related("resident", "office")
        .order_by(F("send_due_on").asc(nulls_last=True), "number")
    )


def cases_sent_late(*, user: User, cutoff_at: dt.datetime) -> QuerySet[Case]:
    """Cases not yet sent whose 送付期限 (則9条: 受理した日から十四日以内) falls before the bundle of that
    cut-off can be sent (`sent_late_before`: the cut-off's day, or the first open day after a cut on a
    closed day): that bundle would send them late. A 臨時送付 (or a quicker 決裁) is what can still help."""
    return (
        cases_visible_to(user)
        .filter(stage__in=BEFORE_SENDING, send_due_on__lt=sent_late_before(cutoff_at))
        .select_related("resident", "office")
        .order_by("send_due_on", "number")
    )


def bundle_stopped_for_case(case: Case) -> SubmissionBundle | None:
    """The draft bundle holding ``case`` whose last build stopped (its job_error set): after the case's
    送付用 spelling is given, the bundle whose ZIP is to be made again — nothing rebuilds it by itself."""
    return (
        SubmissionBundle.objects.filter(
            state=SubmissionBundle.State.DRAFT, items__case=case, items__live=True
        )
        .exclude(job_error="")
        .first()
    )
