"""A case type that exists only in this module: registered here, driven through every stage of the
kernel — 受付 → 本人確認 → 入力 → 照合 → 決裁 → weekly bundle (build and seal) → 機構's result → 完了 —
without a line of it in a shared file. The same drive with the type left unregistered stops at once
with a message naming the type, instead of leaving a case nothing can move.

Its intake screen is the kernel's (workflows/views/intake.py intake_screen) behind a URL of this
module's own (the module is the URL configuration of its tests): the header with its person's label,
the open-case confirmation, the access log's entry and the 受付票 come without copied code."""

import datetime as dt
import uuid

import pytest
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.kernel.casetypes import CaseTypeNotRegistered, casetype_register, casetype_unregister
from cases.kernel.counter import Counter, counter_record_save
from cases.kernel.filing import FilingForm
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_open, case_transition
from cases.kernel.typespec import CaseTypeSpec, Intake
from cases.security.audit_present import TASK_LABELS, target_label
from cases.security.authz import view_guard
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission.bundles import bundle_build, bundle_hand_over
from cases.submission.results import results_import
from config.urls import urlpatterns as site_urlpatterns
from documents.snapshots import receipt_snapshot
from tests.factories import PensionRecordFactory
from tests.workflows.helpers import screen_step
from workflows import engine, steps
from workflows import nodes as desk
from workflows.casetypes import FlowType, flow_register, flow_unregister
from workflows.flows.filed import FiledCaseFlow
from workflows.nodes import DeskView
from workflows.selectors import open_tasks_of_case, queue_for
from workflows.start import case_start
from workflows.submission import bundle_seal
from workflows.views.intake import intake_guard, intake_screen

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

CODE = "kernel_probe"
FORM = FilingForm("91", "試験用届書", "試験用届書", "試験用届書")
INTAKE_URL = "intake_kernel_probe"


class ProbeFlow(FiledCaseFlow, flow.Flow):
    """A type filed with 機構 declares only its start and its 入力: the kernel's stages are wired once
    (workflows/flows/filed.py)."""

    lock_impl = lock.select_for_update_lock

    start = desk.start().Next(this.verify_identity)
    enter_data = desk.enter_data(assign=this.input_owner).Next(this.cross_check)


class MeasuredProbeFlow(ProbeFlow):
    """The probe with a step of its own (not on the path: only its name and title are looked at)."""

    probe_measure = DeskView().Annotation(title=_("試験用の計測")).Permission("cases.enter_data")


def probe_intake(*, actor, resident, received_on, counter=None):
    case = case_open(case_type=CODE, resident=resident, received_on=received_on, actor=actor)
    counter_record_save(case=case, counter=counter or Counter())
    case_transition(case=case, to_stage=Stage.IDENTITY, actor=actor, action=CaseEvent.Action.RECEIVED)
    return case


@intake_guard
def intake_probe(request, resident_id):
    """The whole intake view of a type that takes the 受付日 and the 代理人: the kernel's screen."""
    return intake_screen(
        request,
        resident_id,
        case_type=CODE,
        intake=lambda form, resident: probe_intake(
            actor=request.user,
            resident=resident,
            received_on=form.cleaned_data["received_on"],
            counter=form.to_counter(),
        ),
    )


urlpatterns = [path("intake/probe/<int:resident_id>/", intake_probe, name=INTAKE_URL), *site_urlpatterns]


@pytest.fixture
def probe_type():
    casetype_register(
        CaseTypeSpec(
            code=CODE,
            label=_("試験用の届出"),
            person_label=_("申出者"),
            filing_forms=(FORM,),
            filing_form=lambda case: FORM,
            receipt=False,
            intakes=(Intake(INTAKE_URL, _("試験用の届出を受け付ける"), order=40),),
        )
    )
    flow_register(FlowType(case_types=(CODE,), flow=ProbeFlow))
    yield
    casetype_unregister(CODE)
    flow_unregister(CODE)


def _work(case: Case, user, step, **kwargs) -> None:
    task = open_tasks_of_case(process_id=case.process_id).get()
    if task.owner_id != user.pk:
        engine.task_claim(task_id=task.pk, user=user)
    step(task_id=task.pk, user=user, **kwargs)
    case.refresh_from_db()


def drive(clerk, clerk2, supervisor, capture) -> Case:
    resident = PensionRecordFactory().resident
    case = case_start(
        case_type=CODE,
        intake=lambda: probe_intake(actor=clerk, resident=resident, received_on=timezone.localdate()),
    )
    assert case.stage == Stage.IDENTITY and case.process_id
    _work(case, clerk, steps.identity_record, documents=["mynumber_card"])
    assert case.stage == Stage.INPUT
    _work(case, clerk, steps.input_save, data=None)
    assert case.stage == Stage.CROSS_CHECK and case.inputter == clerk
    # Separation of duties holds for the new type too: the inputter never sees or takes the 照合.
    assert not queue_for(user=clerk).filter(process_id=case.process_id).exists()
    _work(case, clerk2, steps.cross_check, matches=True)
    assert case.stage == Stage.APPROVAL
    _work(case, supervisor, steps.approval, approved=True)
    assert case.stage == Stage.READY_TO_SEND

    # Approved before this minute's cut-off (a bundle's cut-off is a whole minute).
    Case.objects.filter(pk=case.pk).update(stage_since=timezone.now() - dt.timedelta(minutes=2))
    bundle = bundle_build(cutoff_at=timezone.now(), by=supervisor)
    assert list(bundle.items.filter(live=True).values_list("case_id", flat=True)) == [case.pk]
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    assert bundle.manifest["counts"]["by_form"] == {"91": {"label": "試験用届書", "count": 1}}
    bundle_hand_over(
        bundle=bundle,
        by=supervisor,
        sent_on=timezone.localdate(),
        medium="cd_r",
        received_by="旭川年金事務所 国民年金課",
    )
    case.refresh_from_db()
    assert case.stage == Stage.SENT
    waiting = Task.objects.get(process_id=case.process_id, flow_task=ProbeFlow.await_result)
    assert waiting.status == STATUS.NEW  # 送付待ち was completed by the seal, for this type too

    decided = (timezone.localdate()).isoformat()
    data = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由\n"
    data += f"{case.number},,承認,{decided},,,,\n"
    with capture(execute=True):
        imported = results_import(filename="probe.csv", data=data.encode(), by=clerk)
    assert imported.matched == 1 and imported.discrepancies == 0
    case.refresh_from_db()
    case.process.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.process.status == PROCESS.DONE
    return case


def test_a_type_defined_in_one_test_module_runs_every_stage_to_closed(
    probe_type, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    case = drive(clerk, clerk2, supervisor, django_capture_on_commit_callbacks)
    stages = list(case.events.exclude(to_stage="").values_list("to_stage", flat=True))
    assert stages == [
        Stage.IDENTITY,
        Stage.INPUT,
        Stage.CROSS_CHECK,
        Stage.APPROVAL,
        Stage.READY_TO_SEND,
        Stage.SENT,
        Stage.RESULT_RECEIVED,
        Stage.CLOSED,
    ]


def test_the_same_drive_with_the_type_unregistered_stops_with_a_clear_message(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    with pytest.raises(CaseTypeNotRegistered, match=f"案件種別「{CODE}」は登録されていません"):
        drive(clerk, clerk2, supervisor, django_capture_on_commit_callbacks)
    assert not Case.objects.filter(case_type=CODE).exists()  # nothing half-made


def test_the_kernel_gives_a_new_type_its_cross_check_and_approval_screens(
    probe_type, client, clerk, clerk2, supervisor
):
    """A type that brings no screens of its own still has 照合 and 決裁 (the IT review of 2026-12-06
    followed docs/architecture.md and got 「この作業には画面がありません」 at 照合)."""
    resident = PensionRecordFactory().resident
    case = case_start(
        case_type=CODE,
        intake=lambda: probe_intake(actor=clerk, resident=resident, received_on=timezone.localdate()),
    )
    _work(case, clerk, steps.identity_record, documents=["mynumber_card"])
    _work(case, clerk, steps.input_save, data=None)
    for node, user, decision, stage in (
        ("cross_check", clerk2, "match", Stage.APPROVAL),
        ("approve", supervisor, "approve", Stage.READY_TO_SEND),
    ):
        # Taken from the queue through the claim view, as tests/workflows/helpers.py does for any type.
        data = {"decision": decision, "reason": ""}
        posted = screen_step(client, case, node, user, data, sees=[case.number])
        assert posted.status_code == 302
        assert case.stage == stage


def test_a_new_type_is_on_the_counters_links_and_in_the_case_search(probe_type, client, clerk):
    """The intake search, the resident page and the case search list every registered type (the IT
    review found them written out in the templates and the search form)."""
    resident = PensionRecordFactory().resident
    client.force_login(clerk)
    found = client.post("/intake/", {"search": "name", "atena_no": resident.atena_no}).content.decode()
    assert "試験用の届出を受け付ける" in found and "資格届出を受け付ける" in found
    assert "試験用の届出を受け付ける" in client.get(f"/residents/{resident.pk}/").content.decode()
    search = client.get("/cases/").content.decode()
    assert f'value="{CODE}"' in search and "試験用の届出" in search


def test_the_kernel_gives_a_new_type_its_intake_screen(probe_type, client, clerk, auditor):
    """The intake view of a type is the kernel's helper called with its service: the guard, the
    header with the spec's person label, the access log's entry named from the spec, straight on to
    本人確認, and the confirmation of a second open case — no code copied from another type."""
    assert view_guard(intake_probe).all_of == ("cases.take_intake",)  # what the access matrix reads
    resident = PensionRecordFactory().resident
    url = f"/intake/probe/{resident.pk}/"
    client.force_login(auditor)
    assert client.get(url).status_code == 403
    client.force_login(clerk)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "受付: 試験用の届出" in body and "申出者" in body and resident.kanji_name in body
    assert 'name="once"' in body and 'name="confirm_open_same"' not in body
    entry = AuditEntry.objects.get(action=AuditAction.VIEW, resident_id=resident.pk)
    with translation.override("ja"):
        assert entry.target == INTAKE_URL and target_label(entry.target) == "受付 (試験用の届出)"

    data = {"received_on": timezone.localdate().isoformat(), "agent_name": "", "once": uuid.uuid4().hex}
    taken = client.post(url, data)
    case = Case.objects.get(case_type=CODE, resident=resident)
    assert taken.status_code == 302 and case.stage == Stage.IDENTITY and case.process_id
    assert any(case.number in str(m) for m in taken.wsgi_request._messages)
    # The same person again: not taken until the clerk confirms a second open case.
    again = client.post(url, {**data, "once": uuid.uuid4().hex})
    assert again.status_code == 200 and "重ねて受け付ける場合は確認欄にチェック" in again.content.decode()
    assert Case.objects.filter(case_type=CODE).count() == 1


def test_a_new_types_receipt_says_what_was_received_without_a_documents_module(probe_type, clerk):
    """Without documents/<code>.py the 受付票's 「申請・届出の内容」 is the type's label, not empty."""
    resident = PensionRecordFactory().resident
    case = case_start(
        case_type=CODE,
        intake=lambda: probe_intake(actor=clerk, resident=resident, received_on=timezone.localdate()),
    )
    snapshot = receipt_snapshot(case=case)
    assert snapshot.context["kinds"] == [{"code": CODE, "label": "試験用の届出"}]
    assert "試験用の届出" in render_to_string(snapshot.template, snapshot.context)


def test_a_new_types_own_step_is_named_in_the_access_log_from_its_title():
    """A node of the type's own reads as its title (作業: 試験用の計測), not its raw name, without a line in
    cases/security/audit_labels.py TASK_LABELS; the kernel's wording of the shared steps stays."""
    assert "probe_measure" not in TASK_LABELS
    flow_register(FlowType(case_types=("kernel_probe_2",), flow=MeasuredProbeFlow))
    try:
        with translation.override("ja"):
            assert target_label("task:probe_measure") == "作業: 試験用の計測"
            assert target_label("task:await_documents") == "作業: 書類不備"  # its title: 書類不備 (提出待ち)
            assert target_label("task:answer") == "作業: 回答"  # its title: 回答・完了
    finally:
        flow_unregister("kernel_probe_2")
