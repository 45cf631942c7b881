from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.fields import EARLIEST, LATEST
from cases.common.freetext import FreeTextField
from cases.common.once import OnceFormMixin
from cases.common.params import int_param
from cases.security.models.security import Inquiry
from cases.security.models.users import User
from cases.security.roles import ROLES_BY_CODE


class InquiryForm(OnceFormMixin, forms.ModelForm):
    # The entry's last revision when the form was shown (an optimistic lock, cases/security/inquiries.py):
    # a colleague's save in between is not overwritten unseen.
    revision = forms.CharField(required=False, widget=forms.HiddenInput)
    requester = FreeTextField(label=_("申出者"), max_length=100, required=False)
    subject = FreeTextField(label=_("件名"), max_length=200)
    detail = FreeTextField(
        label=_("内容"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    outcome = FreeTextField(
        label=_("対応結果"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    received_at = forms.DateTimeField(
        label=_("受付日時"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    closed_at = forms.DateTimeField(
        label=_("完結日時"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Inquiry
        fields = [
            "received_at",
            "channel",
            "requester",
            "subject",
            "detail",
            "handler",
            "outcome",
            "closed_at",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The desk's staff (窓口担当, 係長) answer inquiries; the auditor, the administrators and the 委託先
        # were offered too (exploratory test, 2026-12-05). Each with their office, as the reassign list.
        desk_groups = [ROLES_BY_CODE[code].group for code in ("clerk", "supervisor")]
        staff = User.objects.filter(is_active=True, office__isnull=False, groups__name__in=desk_groups)
        self.fields["handler"].queryset = (
            staff.select_related("office").distinct().order_by("office__sort_order", "username")
        )
        self.fields["handler"].label_from_instance = lambda user: f"{user} ({user.office})"
        if self.instance.pk is None:
            del self.fields["revision"]  # a new entry has no revision to be stale against
        else:
            del self.fields["once"]  # the key guards making an entry, not changing one
            last = self.instance.revisions.order_by("-id").values_list("pk", flat=True).first()
            self.initial.setdefault("revision", str(last or 0))

    def clean_revision(self) -> int | None:
        """The revision the form was based on (0: none yet). None: a form without the field (a page
        from before it existed), saved without the check."""
        if "revision" not in self.data:
            return None
        return int_param(self.cleaned_data.get("revision"), minimum=0) or 0

    def _in_range(self, name: str):
        # Stored as UTC: 0001-01-01 00:00 in Tokyo is a day before year 1, which reads back as an error.
        value = self.cleaned_data.get(name)
        if value and not EARLIEST <= value.date() <= LATEST:
            raise forms.ValidationError(
                _("%(start)s年〜%(end)s年の日時を入力してください。")
                % {"start": EARLIEST.year, "end": LATEST.year}
            )
        return value

    def clean_received_at(self):
        return self._in_range("received_at")

    def clean_closed_at(self):
        return self._in_range("closed_at")

    def clean(self):
        data = super().clean()
        if data.get("closed_at") and not (data.get("outcome") or "").strip():
            self.add_error("outcome", _("完結にするには対応結果を入力してください。"))
        if data.get("closed_at") and data.get("received_at") and data["closed_at"] < data["received_at"]:
            self.add_error("closed_at", _("完結日時は受付日時以降にしてください。"))
        return data
