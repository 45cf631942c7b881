"""個人情報保護法 83条2項 (94条2項, 102条2項): the 決定期限 may be extended by up to 30 days for a proper reason,
which the requester is told in writing. Once per request, by a 係長 of its office, the reason kept."""

import datetime as dt

import pytest

from cases.kernel.models import CaseEvent
from tests.conftest import make_user
from tests.requests.conftest import take_request

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def extend(client, user, case, **data):
    client.force_login(user)
    return client.post(
        f"/cases/{case.pk}/requests/deadline/",
        {"days": "30", "reason": "資料の確認に時間を要するため", **data},
        follow=True,
    )


def test_law_83_2_a_supervisor_extends_the_deadline_once_with_the_reason(client, clerk, supervisor, person):
    case = take_request(client, clerk, person, "disclosure")
    due = case.decision_due_on
    client.force_login(supervisor)
    assert "決定期限を延長する" in client.get(f"/cases/{case.pk}/").content.decode()
    page = extend(client, supervisor, case).content.decode()
    case.refresh_from_db()
    assert case.decision_due_on == due + 30 * DAY and "決定期限を" in page
    event = case.events.get(action=CaseEvent.Action.DEADLINE_EXTENDED)
    assert event.comment == "資料の確認に時間を要するため" and event.actor == supervisor
    assert "決定期限を延長する" not in client.get(f"/cases/{case.pk}/").content.decode()
    page = extend(client, supervisor, case).content.decode()  # a second time: refused
    case.refresh_from_db()
    assert "既に延長されています" in page and case.decision_due_on == due + 30 * DAY


def test_the_extension_is_bounded_reasoned_and_a_supervisors_of_the_office(
    client, clerk, supervisor, person, other_office
):
    case = take_request(client, clerk, person, "correction")
    due = case.decision_due_on
    assert "30" in extend(client, supervisor, case, days="31").content.decode()
    assert extend(client, supervisor, case, reason="").status_code == 200
    assert extend(client, supervisor, case, reason="番号 1234 5678 9012").status_code == 200
    client.force_login(clerk)
    assert (
        client.post(f"/cases/{case.pk}/requests/deadline/", {"days": "10", "reason": "x"}).status_code == 403
    )
    branch = make_user("super-kamui-x", "supervisor", other_office)
    client.force_login(branch)
    assert (
        client.post(f"/cases/{case.pk}/requests/deadline/", {"days": "10", "reason": "x"}).status_code == 403
    )
    case.refresh_from_db()
    assert (
        case.decision_due_on == due
        and not case.events.filter(action=CaseEvent.Action.DEADLINE_EXTENDED).exists()
    )
