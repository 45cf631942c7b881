"""A 事由発生日 before the person's birth is a typing slip (S40 for S50): the walk of 2026-12-08 got
「届出前の種別 (被保険者でない) ではこの届出はできません」 on 届出前の種別 instead, which sends the clerk to
the wrong box. The date is refused on its own field, in the reader's language."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.common.codes import InsuredKind
from cases.kernel.models import Case
from tests.qualification.helpers import intake, person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "event"),
    [("loss", "emigration"), ("kind_change", "leave_employee_pension"), ("acquisition", "immigration")],
)
def test_rule_1_4_3_6_2_an_event_before_the_birth_date_is_refused_on_the_event_date(clerk, kind, event):
    resident = person(kind=InsuredKind.FIRST, birth=dt.date(1976, 6, 27))
    for language, words in (("ja", "生年月日"), ("en", "date of birth")):
        with translation.override(language), pytest.raises(ValidationError) as refused:
            intake(clerk, resident, kind=kind, event=event, event_date=dt.date(1965, 1, 1))
        assert list(refused.value.message_dict) == ["event_date"]
        assert words in refused.value.message_dict["event_date"][0]
    assert not Case.objects.exists()
