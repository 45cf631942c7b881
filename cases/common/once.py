"""A form's one-time key (hidden): the same form sent twice — a double click, a resend after Back
from a cached page — is recognised as the same submission. The service stores the key in a unique
column, so a concurrent second insert waits for the first to commit and then fails; the caller shows
what the first one made (the intake screens' workflows/start.py, 移転の依頼, 問合せ受付簿)."""

import re
import uuid

from django import forms


class OnceFormMixin(forms.Form):
    once = forms.CharField(required=False, widget=forms.HiddenInput, initial=lambda: uuid.uuid4().hex)

    def clean_once(self) -> str:
        # Not a key this form made (an old page, a tampered one): no repeat check, never a refusal.
        value = self.cleaned_data.get("once") or ""
        return value if re.fullmatch(r"[0-9a-f]{32}", value) else ""
