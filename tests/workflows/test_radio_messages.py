"""A group of radio buttons (or boxes) left unchosen names itself (「請求の種類を選んでください。」), as the other
fields do: the QA walk found Django's generic 「このフィールドは必須です。」 under the request type."""

import pytest
from django import forms
from django.utils import translation

from workflows.forms import disability, requests, stages

FORMS = [
    stages.DocumentsOutcomeForm,
    stages.CrossCheckForm,
    stages.ApprovalForm,
    disability.IntakeForm,
    disability.DisabilityDocumentsOutcomeForm,
    requests.RequestIntakeForm,
    requests.RequestApprovalForm,
    lambda data: requests.RespondForm(data, case_type="disclosure"),
]


@pytest.mark.parametrize("make", FORMS)
def test_every_required_radio_group_names_itself_when_left_unchosen(make):
    with translation.override("ja"):
        form = make({})
        radios = [
            (name, field)
            for name, field in form.fields.items()
            # CheckboxSelectMultiple is a RadioSelect too: a required group of boxes names itself as well.
            if isinstance(field.widget, forms.RadioSelect) and field.required
        ]
        assert radios
        form.is_valid()
        for name, field in radios:
            (message,) = form.errors[name]
            assert message != "このフィールドは必須です。" and str(field.label) in message, (name, message)
