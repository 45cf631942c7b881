"""問合せ受付簿 (assessment IV-2: 受付簿を作成し、処理する): who may change an entry, and its history.

An entry belongs to the office that received the inquiry; only that office's staff change it. Every
save keeps a revision (who, when, what the entry then said). A closed entry (完結) is locked.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.security import Inquiry, InquiryRevision
from cases.security.models.users import User

REVISION_FIELDS = (
    "received_at",
    "channel",
    "requester",
    "subject",
    "detail",
    "handler_id",
    "outcome",
    "closed_at",
)


class InquiryLocked(PermissionDenied):
    """A closed entry is not changed any more."""


def inquiries_visible_to(user: User) -> QuerySet[Inquiry]:
    inquiries = Inquiry.objects.select_related("handler", "office")
    if user.has_perm("cases.view_all_offices"):
        return inquiries
    return inquiries.filter(office_id=user.office_id)


def inquiry_for_change(*, user: User, inquiry_id: int) -> Inquiry:
    """Another office's entry (or one of no office) answers 404; a closed one raises InquiryLocked."""
    inquiry = Inquiry.objects.filter(pk=inquiry_id, office_id=user.office_id).first()
    if inquiry is None or user.office_id is None:
        raise Http404(_("問合せが見つかりません。"))
    if inquiry.closed_at is not None:
        raise InquiryLocked(_("完結した問合せは変更できません。"))
    return inquiry


def _snapshot(inquiry: Inquiry) -> dict:
    data = {}
    for name in REVISION_FIELDS:
        value = getattr(inquiry, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return data


@transaction.atomic
def inquiry_save(*, form, user: User, request=None) -> Inquiry:
    """Saves the form's entry for the user's office, with a revision and an access-log entry."""
    inquiry = form.save(commit=False)
    if inquiry.pk is None:
        inquiry.office_id = user.office_id
    inquiry.save()
    InquiryRevision.objects.create(inquiry=inquiry, by=user, data=_snapshot(inquiry))
    audit_record(
        action=AuditAction.CHANGE,
        request=request,
        actor=user,
        target=f"inquiry:{inquiry.pk}",
        detail={"fields": sorted(form.changed_data), "closed": inquiry.closed_at is not None},
    )
    return inquiry
