"""法12条2項: 「第一号被保険者の属する世帯の世帯主は、被保険者に代わつて、前項の届出をすることができる」. Anyone else
filing for the person does so as their 代理人, with the person's 委任状 (as the exemption and 障害基礎年金 intakes
ask). The 資格届出 intake took any 代理人 without one, though its own docstring said otherwise."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases.common.codes import InsuredKind
from cases.kernel.counter import Counter
from cases.kernel.models import Case
from cases.qualification import services as svc
from cases.qualification.request import QualificationRequest
from tests.factories import ResidentFactory
from tests.qualification.helpers import person

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _file(clerk, resident, counter):
    return svc.qualification_intake(
        actor=clerk,
        resident=resident,
        received_on=TODAY,
        request=QualificationRequest(
            kind="kind_change", event="leave_employee_pension", event_date=TODAY - timezone.timedelta(days=3)
        ),
        counter=counter,
    )


@pytest.fixture
def household():
    """A 第2号 leaving employment, and the head of their household on the 住民記録."""
    member = person(kind=InsuredKind.SECOND, household_no="H-1201", is_householder=False)
    head = ResidentFactory(
        household_no="H-1201", is_householder=True, kanji_name="旭川　一郎", kana_name="アサヒカワ　イチロウ"
    )
    return member, head


def test_法12条2項_an_agent_other_than_the_householder_needs_the_委任状(clerk, household):
    member, _head = household
    with pytest.raises(ValidationError) as refused:
        _file(clerk, member, Counter.from_agent(agent_name="旭 花子", agent_relationship="友人"))
    assert "委任状" in refused.value.message_dict["power_of_attorney"][0]
    assert "12条2項" in refused.value.message_dict["power_of_attorney"][0]
    assert not Case.objects.exists()


def test_法12条2項_with_the_委任状_any_agent_may_file(clerk, household):
    member, _head = household
    counter = Counter.from_agent(agent_name="旭 花子", agent_relationship="友人", power_of_attorney=True)
    assert _file(clerk, member, counter).pk


def test_法12条2項_the_householder_on_the_register_files_without_a_委任状(clerk, household):
    member, _head = household
    assert _file(clerk, member, Counter.from_agent(agent_name="旭川 一郎", agent_relationship="世帯主")).pk


def test_法12条2項_someone_called_householder_who_is_not_the_registers_needs_the_委任状(clerk, household):
    member, _head = household
    with pytest.raises(ValidationError) as refused:
        _file(clerk, member, Counter.from_agent(agent_name="旭 二郎", agent_relationship="世帯主"))
    assert "委任状" in refused.value.message_dict["agent_name"][0]
    assert not Case.objects.exists()


def test_法12条2項_the_person_heading_their_own_household_has_no_other_householder(clerk):
    alone = person(
        kind=InsuredKind.SECOND, household_no="H-1202", is_householder=True, kanji_name="旭川　三郎"
    )
    with pytest.raises(ValidationError) as refused:
        _file(clerk, alone, Counter.from_agent(agent_name="旭川 三郎", agent_relationship="世帯主"))
    assert "委任状" in refused.value.message_dict["agent_relationship"][0]


def test_the_person_themself_needs_nothing(clerk, household):
    member, _head = household
    assert _file(clerk, member, Counter()).pk


def test_the_intake_screen_offers_the_委任状_box_beside_the_agent(client, clerk, household):
    member, _head = household
    client.force_login(clerk)
    page = client.get(f"/intake/qualification/{member.pk}/").content.decode()
    assert page.index('name="agent_name"') < page.index('name="power_of_attorney"')
