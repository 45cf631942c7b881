from django import forms

from cases.forms.fields import WarekiDateField


class ApplicantSearchForm(forms.Form):
    kana = forms.CharField(label="カナ氏名 (前方一致)", max_length=100, required=False)
    kanji = forms.CharField(label="漢字氏名 (前方一致)", max_length=100, required=False)
    birth_date = WarekiDateField(label="生年月日", required=False)
    atena_no = forms.CharField(label="宛名番号", max_length=20, required=False)
    pension_no = forms.CharField(label="基礎年金番号", max_length=12, required=False)


class MyNumberSearchForm(forms.Form):
    """Sent by POST only: the number must never appear in a URL or an access log."""

    number = forms.CharField(label="個人番号", max_length=20, widget=forms.PasswordInput(render_value=False))
    purpose = forms.CharField(label="利用目的 (必須)", max_length=200)


class CaseSearchForm(forms.Form):
    number = forms.CharField(label="整理番号", max_length=20, required=False)
    kana = forms.CharField(label="カナ氏名", max_length=100, required=False)
    stage = forms.ChoiceField(label="段階", required=False)
    office = forms.ChoiceField(label="受付事務所", required=False)

    def __init__(self, *args, stages=(), offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [("", "すべて"), *stages]
        self.fields["office"].choices = [("", "すべて")] + [(o.pk, o.name) for o in offices]
