"""The whole exemption flow through the real screens, each step by the person who may do it."""

import pytest
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.kernel.models import Case, CaseEvent, Stage
from cases.registry.models.pension import Exemption
from tests.factories import applicant_with_household, category1_since_2015
from tests.workflows.helpers import current_period, open_task
from workflows.flows.exemption import ExemptionFlow

pytestmark = pytest.mark.django_db


def month(value):
    return value.strftime("%Y-%m")


def test_exemption_case_from_counter_to_ready_to_send(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household(income=500000, spouse_income=300000)
    # On record as 第1号 (法7条1項1号): without a 第1号 month the pre-screen reads 要確認, not 該当見込み.
    category1_since_2015(applicant.pension)
    start, end = current_period()

    # 受付: the clerk finds the applicant by half-width kana and takes the application.
    client.force_login(clerk)
    found = client.post("/intake/", {"search": "name", "kana": "ｱｻﾋ ﾀﾛｳ"})
    assert applicant.kanji_name in found.content.decode()
    response = client.post(
        f"/intake/exemption/{applicant.pk}/",
        {
            "received_on": timezone.localdate().isoformat(),
            "kind_1": "full",
            "kind_2": "half",
            "period_start": month(start),
            "period_end": month(end),
        },
    )
    case = Case.objects.get(resident=applicant)
    # Straight on to 本人確認 (issue 14: no detour through the case page or the inbox).
    verify_task = Task.objects.get(process_id=case.process_id, status="ASSIGNED")
    assert response.status_code == 302 and response["Location"] == f"/desk/tasks/{verify_task.pk}/"
    assert case.stage == Stage.IDENTITY and case.office == clerk.office

    # 本人確認: already in the receiving clerk's inbox.
    task = open_task(case, "verify_identity")
    assert task.owner == clerk
    assert f"/desk/tasks/{task.pk}/" in client.get("/desk/inbox/").content.decode()
    response = client.post(f"/desk/tasks/{task.pk}/", {"documents": ["mynumber_card"]})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.INPUT

    # 入力: the same clerk continues; the household proposal offers the wife from the 住民記録.
    task = open_task(case, "enter_data")
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "旭 花子" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/desk/tasks/{task.pk}/",
            {
                "kind_1": "full",
                "kind_2": "half",
                "period_start": month(start),
                "period_end": month(end),
                "declared_kana_name": "アサヒ タロウ",
                "declared_kanji_name": "旭 太郎",
                "declared_birth_date": "平成7年6月15日",
                "declared_address": "旭川市7条通9丁目48番地",
                "spouse": str(spouse.pk),
                "householder": "",
                "household_confirmed": "on",
            },
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CROSS_CHECK and case.inputter == clerk
    # The Celery job attached 本人 and 配偶者 income and released the flow to the cross-check.
    attachment = case.exemption.income_attachment
    assert [p["role"] for p in attachment["people"]] == ["applicant", "spouse"]
    assert attachment["people"][1]["income"]["total_income"] == 300000
    cross = open_task(case, "cross_check")
    assert cross.status == STATUS.NEW

    # 照合: hidden from the inputter's queue, taken by a second clerk.
    assert case.number not in client.get("/desk/queue/").content.decode()
    client.force_login(clerk2)
    assert case.number in client.get("/desk/queue/").content.decode()
    client.post(f"/desk/tasks/{cross.pk}/claim/")
    page = client.get(f"/desk/tasks/{cross.pk}/").content.decode()
    assert "参考" in page and "全額免除" in page and 'badge ok">該当見込み' in page
    client.post(f"/desk/tasks/{cross.pk}/", {"decision": "match", "reason": ""})
    case.refresh_from_db()
    assert case.stage == Stage.APPROVAL and case.cross_checker == clerk2

    # 決裁: a supervisor approves; the case waits for the weekly dispatch.
    client.force_login(supervisor)
    approve = open_task(case, "approve")
    client.post(f"/desk/tasks/{approve.pk}/claim/")
    client.post(f"/desk/tasks/{approve.pk}/", {"decision": "approve", "reason": "問題なし"})
    case.refresh_from_db()
    assert case.stage == Stage.READY_TO_SEND and case.approver == supervisor
    assert (
        Task.objects.get(process_id=case.process_id, flow_task=ExemptionFlow.await_dispatch).status
        == STATUS.NEW
    )
    assert case.process.status == PROCESS.NEW
    record = Exemption.objects.get(case=case)
    assert record.reference_no == case.number and record.kind == "full" and record.start_on == start

    # Every transition is on the timeline with who and from which office.
    actions = list(case.events.values_list("action", "actor__username", "office__code"))
    assert (CaseEvent.Action.RECEIVED, "clerk1", "honcho") in actions
    assert (CaseEvent.Action.INPUT_SAVED, "clerk1", "honcho") in actions
    assert (CaseEvent.Action.CROSS_CHECK_OK, "clerk2", "honcho") in actions
    assert (CaseEvent.Action.APPROVED, "super1", "honcho") in actions
    assert any(a == CaseEvent.Action.INCOME_ATTACHED for a, _u, _o in actions)
    detail = client.get(f"/cases/{case.pk}/").content.decode()
    assert "決裁 (承認)" in detail and "問題なし" in detail
