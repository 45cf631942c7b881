from django import forms
from django.utils.translation import gettext_lazy as _

from cases.common.freetext import FreeTextField
from cases.common.once import OnceFormMixin


class TransferRequestForm(OnceFormMixin, forms.Form):
    reason = FreeTextField(
        label=_("依頼理由"),
        max_length=200,
        help_text=_("住民基本台帳システムへの反映が必要になった理由 (例: 月次の反映、資格喪失の一括反映)"),
    )
