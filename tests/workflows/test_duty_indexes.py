"""The separation of duties is read from an index alone (issue 15: the desk's queue at p95 ≤ 50 ms).

Every queue request (its count and its page) excludes the tasks of cases the user entered or cross-checked
(`workflows/selectors.py` `_separation_of_duties`): "the processes of the cases whose <role> is this user".
With only the foreign key's own index PostgreSQL fetched each of those cases from the table (a bitmap heap
scan of 1,050 cases, 2.6 ms of the 4 ms of the clerk's page read on the desk bench's data); an index on
(<role>, process) answers it from the index alone (0.1 ms). A role a new flow excludes needs its index too.
"""

import pytest
from django.db import connection

from tests.workflows.plans import plan_served_by
from workflows.casetypes import flows
from workflows.selectors import _nodes_by_excluded_role

pytestmark = pytest.mark.django_db


def case_indexes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'cases_case'")
        return [row[0] for row in cursor.fetchall()]


def test_every_excluded_role_is_answered_from_an_index_of_role_and_process():
    roles = sorted(_nodes_by_excluded_role(tuple(flows())))
    assert roles  # the flows exclude someone: 入力者 from 照合, 照合者 from 決裁 …
    definitions = case_indexes()
    for role in roles:
        wanted = f"({role}_id, process_id)"
        assert any(
            wanted in definition and "WHERE (process_id IS NOT NULL)" in definition
            for definition in definitions
        ), (
            role,
            definitions,
        )


def test_the_duty_subquery_can_be_answered_from_its_index():
    """The index's condition (process_id IS NOT NULL) is implied by the subquery's, so the planner may use it."""
    from cases.kernel.models import Case

    subquery = Case.objects.filter(inputter_id=1, process_id__isnull=False).order_by().values("process_id")
    plan = plan_served_by(subquery, column="inputter_id", keep="nd_case_inputter_process_idx")
    assert "using nd_case_inputter_process_idx" in plan, plan
