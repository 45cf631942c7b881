"""The kernel's 提出書類 checklist: the type lists the papers, the kernel keeps their state, and a case
reaches 決裁 only with its required papers in hand or waived by a 係長 with a reason."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.kernel.casetypes import casetype_register, casetype_unregister
from cases.kernel.checklist import ChecklistEntry, checklist_mark, checklist_missing, checklist_sync
from cases.kernel.models import CaseEvent, ChecklistItem, Stage
from cases.kernel.typespec import CaseTypeSpec
from tests.conftest import make_user
from tests.factories import PensionRecordFactory
from tests.kernel.test_plugin_casetype import CODE, FORM, ProbeFlow, _work, probe_intake
from workflows import steps
from workflows.casetypes import FlowType, flow_register, flow_unregister
from workflows.start import case_start

pytestmark = pytest.mark.django_db
State = ChecklistItem.State
PAPERS = [
    ChecklistEntry("certificate", "診断書"),
    ChecklistEntry("account", "口座の確認書類", required=False),
]


@pytest.fixture
def typed_case(clerk):
    casetype_register(
        CaseTypeSpec(
            code=CODE,
            label=_("試験用の届出"),
            filing_forms=(FORM,),
            filing_form=lambda case: FORM,
            receipt=False,
            checklist=lambda case: PAPERS,
        )
    )
    flow_register(FlowType(case_types=(CODE,), flow=ProbeFlow))
    resident = PensionRecordFactory().resident
    case = case_start(
        case_type=CODE,
        intake=lambda: probe_intake(actor=clerk, resident=resident, received_on=timezone.localdate()),
    )
    checklist_sync(case=case)
    yield case
    casetype_unregister(CODE)
    flow_unregister(CODE)


def test_sync_lists_the_types_papers_once(typed_case):
    checklist_sync(case=typed_case)  # again: nothing doubled
    items = list(typed_case.checklist.values_list("code", "required", "state"))
    assert items == [("certificate", True, State.MISSING), ("account", False, State.MISSING)]


def test_a_required_paper_missing_stops_the_case_before_approval(typed_case, clerk, clerk2, supervisor):
    _work(typed_case, clerk, steps.identity_record, documents=["mynumber_card"])
    _work(typed_case, clerk, steps.input_save, data=None)
    with pytest.raises(ValidationError, match="診断書"):
        _work(typed_case, clerk2, steps.cross_check, matches=True)
    typed_case.refresh_from_db()
    assert typed_case.stage == Stage.CROSS_CHECK
    checklist_mark(case=typed_case, code="certificate", state=State.RECEIVED, actor=clerk2)
    _work(typed_case, clerk2, steps.cross_check, matches=True)
    assert typed_case.stage == Stage.APPROVAL
    marked = typed_case.events.filter(action=CaseEvent.Action.CHECKLIST).last()
    assert "診断書: 受領" in marked.text


def test_only_a_supervisor_waives_and_always_with_a_reason(typed_case, clerk, supervisor):
    with pytest.raises(PermissionDenied, match="係長のみ"):
        checklist_mark(case=typed_case, code="certificate", state=State.WAIVED, actor=clerk, note="不要")
    with pytest.raises(ValidationError, match="理由"):
        checklist_mark(case=typed_case, code="certificate", state=State.WAIVED, actor=supervisor)
    checklist_mark(
        case=typed_case, code="certificate", state=State.WAIVED, actor=supervisor, note="障害者手帳で確認"
    )
    assert checklist_missing(typed_case) == []


def test_a_requested_paper_needs_a_due_date_from_today(typed_case, clerk):
    with pytest.raises(ValidationError, match="提出期限"):
        checklist_mark(case=typed_case, code="certificate", state=State.REQUESTED, actor=clerk)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="今日以降"):
        checklist_mark(
            case=typed_case, code="certificate", state=State.REQUESTED, actor=clerk, due_on=yesterday
        )
    due = timezone.localdate() + dt.timedelta(days=14)
    item = checklist_mark(case=typed_case, code="certificate", state=State.REQUESTED, actor=clerk, due_on=due)
    assert item.due_on == due and item in checklist_missing(typed_case)


def test_the_case_page_shows_the_list_and_records_a_change_in_its_office_only(
    client, typed_case, clerk, other_office
):
    client.force_login(clerk)
    page = client.get(f"/cases/{typed_case.pk}/").content.decode()
    assert "提出書類" in page and "診断書" in page
    response = client.post(f"/cases/{typed_case.pk}/checklist/", {"code": "certificate", "state": "received"})
    assert response.status_code == 302
    assert typed_case.checklist.get(code="certificate").state == State.RECEIVED
    stranger = make_user("clerk-kamui", "clerk", other_office)
    client.force_login(stranger)
    response = client.post(f"/cases/{typed_case.pk}/checklist/", {"code": "certificate", "state": "missing"})
    assert response.status_code == 404
    assert typed_case.checklist.get(code="certificate").state == State.RECEIVED
