from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.common.fields import WarekiDateField
from cases.common.freetext import FreeTextField
from cases.submission.models import SubmissionBundle


class RemoveCaseForm(forms.Form):
    reason = FreeTextField(
        label=_("除外の理由"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("案件は送付待ちのまま、次回の送付に入ります。理由は案件の経過に残ります。"),
        error_messages={"required": _("除外の理由を入力してください。")},
    )


class SealForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("送付一覧の内容を確認しました"),
        error_messages={"required": _("内容を確認し、チェックを入れてください。")},
    )
    # Which cases the page showed (bundle_contents_mark): the confirmation is of those. Checked by the
    # service, which words what changed; a missing one is refused there too.
    reviewed = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)


class HandOverForm(forms.Form):
    sent_on = WarekiDateField(
        label=_("送付日"),
        help_text=_("日本年金機構 (年金事務所) へ引き渡した日"),
        error_messages={"required": _("送付日を入力してください。")},
    )

    # The PIA's 提供方法 only (SubmissionBundle.Medium): the help says why a USB memory is not offered.
    medium = forms.ChoiceField(
        label=_("媒体"),
        choices=[("", "---------"), *SubmissionBundle.Medium.choices],
        help_text=_(
            "特定個人情報保護評価書の提供方法は「電子記録媒体（フラッシュメモリを除く。）」と「紙」のため、"
            "USBメモリなどのフラッシュメモリでは引き渡せません。"
        ),
        error_messages={
            "required": _("媒体を選んでください。"),
            "invalid_choice": _("媒体は一覧から選んでください (フラッシュメモリは選べません)。"),
        },
    )
    received_by = FreeTextField(
        label=_("受領者"),
        max_length=60,
        help_text=_(
            "日本年金機構 (年金事務所) で受け取った方の所属・氏名 (例: 旭川年金事務所 国民年金課 山田)"
        ),
        error_messages={"required": _("受領者を入力してください。")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].initial = timezone.localdate()
