import datetime as dt

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.common.identifiers.mynumber import mynumber_check_digit
from cases.kernel.models import Case
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import AdditionalPension
from cases.registry.mynumber import mynumber_register
from tests.factories import PensionRecordFactory, category1_since_2015
from workflows.flows.requests import RequestFlow

MYNUMBER = "12345678901" + str(mynumber_check_digit("12345678901"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def person(reference_data):
    """A member with a registered 個人番号, a qualification, 付加年金 and two years of income."""
    pension = PensionRecordFactory(phone="0166-00-0000")
    resident = pension.resident
    mynumber_register(resident=resident, number=MYNUMBER)
    category1_since_2015(pension)
    AdditionalPension.objects.create(pension=pension, kind="1", joined_on=dt.date(2016, 4, 1))
    for year, income in ((2025, 1_230_000), (2026, 987_000)):
        IncomeRecord.objects.create(personal_code=resident.atena_no, tax_year=year, total_income=income)
    return resident


def open_task(case: Case, node_name: str) -> Task:
    return Task.objects.get(
        process_id=case.process_id,
        flow_task=getattr(RequestFlow, node_name),
        status__in=[STATUS.NEW, STATUS.ASSIGNED],
    )


def take_request(client, clerk, resident, case_type: str, **extra) -> Case:
    """受付 through the screen, as the counter does it."""
    client.force_login(clerk)
    data = {
        "case_type": case_type,
        "received_on": timezone.localdate().isoformat(),
        "requester": "self",
        "identity_documents": ["drivers_licence"],
        "content": "保有している私の情報を知りたい",
        **extra,
    }
    response = client.post(f"/intake/requests/{resident.pk}/", data)
    assert response.status_code == 302, response.content.decode()
    return Case.objects.filter(resident=resident, case_type=case_type).latest("id")


def work(client, user, case: Case, node_name: str, data: dict, *, claim: bool = True):
    """Claims the step (if it is in the queue) and posts its screen."""
    client.force_login(user)
    task = open_task(case, node_name)
    if claim and task.owner_id is None:
        response = client.post(f"/desk/tasks/{task.pk}/claim/")
        assert response.status_code == 302
    response = client.post(f"/desk/tasks/{task.pk}/", data)
    case.refresh_from_db()
    return response
