"""問合せ受付簿 (assessment IV-2: 受付簿を作成し、処理する): who may change an entry, and its history.

An entry belongs to the office that received the inquiry; only that office's staff change it. Every
save keeps a revision (who, when, what the entry then said). A closed entry (完結) is locked.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cases.common.date_display import date_show
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


class InquiryRepeated(Exception):
    """The new-entry form came a second time: `inquiry` is the entry its first submission made."""

    def __init__(self, inquiry: Inquiry):
        super().__init__(inquiry.pk)
        self.inquiry = inquiry


class InquiryStale(ValidationError):
    """A colleague saved the entry after this form was shown: `revision` is their save (the form's
    new base), and the message says what they changed."""

    def __init__(self, message: str, revision: InquiryRevision):
        super().__init__(message)
        self.revision = revision


def _shown(name: str, value) -> str:
    if value in (None, ""):
        return _("(空欄)")
    if name == "handler_id":
        return str(User.objects.filter(pk=value).first() or value)
    if name in ("received_at", "closed_at"):
        return date_show(dt.datetime.fromisoformat(value))
    if name == "channel":
        return str(Inquiry.Channel(value).label)
    text = str(value)
    return text if len(text) <= 80 else text[:80] + "…"


def _stale(base_id: int, last: InquiryRevision) -> InquiryStale:
    base = InquiryRevision.objects.filter(pk=base_id, inquiry_id=last.inquiry_id).first()
    before = base.data if base is not None else {}
    changes = [
        _("%(field)s「%(value)s」")
        % {
            "field": Inquiry._meta.get_field(name.removesuffix("_id")).verbose_name,
            "value": _shown(name, value),
        }
        for name, value in last.data.items()
        if name in REVISION_FIELDS and before.get(name) != value
    ]
    message = _(
        "この問合せは、画面を開いた後に他の職員が変更しました (%(by)s、%(at)s)。変更後の内容: %(changes)s。"
        "入力した内容は残しています。確認して、もう一度「記録する」を押してください。"
    ) % {"by": last.by, "at": date_show(last.at), "changes": "、".join(changes) or _("(項目の変更なし)")}
    return InquiryStale(message, last)


def inquiry_save(*, form, user: User, request=None) -> Inquiry:
    """Saves the form's entry for the user's office, with a revision and an access-log entry.
    A new entry keeps the form's one-time key (unique: the same form twice raises InquiryRepeated);
    a changed one must still be at the revision the form was based on, else InquiryStale."""
    once = form.cleaned_data.get("once") or ""
    try:
        return _save(form=form, user=user, request=request, once=once)
    except IntegrityError:
        first = Inquiry.objects.filter(request_key=once).first() if once else None
        if first is None:
            raise
        raise InquiryRepeated(first) from None


@transaction.atomic
def _save(*, form, user: User, request, once: str) -> Inquiry:
    inquiry = form.save(commit=False)
    if inquiry.pk is None:
        inquiry.office_id, inquiry.request_key = user.office_id, once or None
    else:
        # The row lock orders two saves; the second then compares against the first one's revision.
        Inquiry.objects.select_for_update().filter(pk=inquiry.pk).values_list("pk").first()
        expected = form.cleaned_data.get("revision")
        last = (
            InquiryRevision.objects.filter(inquiry_id=inquiry.pk).select_related("by").order_by("-id").first()
        )
        if expected is not None and last is not None and last.pk != expected:
            raise _stale(expected, last)
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
