"""Issue 14 §3: the counter flow without detours — from 受付 straight to 本人確認 and on to 入力 of the
same case, 取下げ with a reason at any stage before 送付 (every registered flow), a returned task with
its reason at the top, the skip link and the first field focused."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from viewflow.workflow import nodes
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from cases.kernel.models import Case, CaseEvent, Stage
from cases.submission.models import BundleItem, SubmissionBundle
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows.casetypes import flow_types
from workflows.withdraw import case_withdraw

pytestmark = pytest.mark.django_db


def _open_tasks(case) -> list[Task]:
    return list(Task.objects.filter(process_id=case.process_id, status__in=[STATUS.NEW, STATUS.ASSIGNED]))


def _intake_exemption(client, clerk):
    applicant, _spouse = applicant_with_household()
    start, end = h.current_period()
    client.force_login(clerk)
    data = {
        "received_on": timezone.localdate().isoformat(),
        "kind_1": "full",
        "kind_2": "half",
        "period_start": f"{start:%Y-%m}",
        "period_end": f"{end:%Y-%m}",
    }
    return client.post(f"/intake/exemption/{applicant.pk}/", data, follow=True)


def test_after_intake_the_clerk_is_at_identity_and_after_identity_at_input_of_the_same_case(client, clerk):
    response = _intake_exemption(client, clerk)
    case = Case.objects.get()
    verify = h.open_task(case, "verify_identity")
    assert response.redirect_chain[-1][0] == f"/desk/tasks/{verify.pk}/"
    assert "本人確認" in response.content.decode()
    response = client.post(f"/desk/tasks/{verify.pk}/", {"documents": ["mynumber_card"]}, follow=True)
    enter = h.open_task(case, "enter_data")
    assert response.redirect_chain[-1][0] == f"/desk/tasks/{enter.pk}/"
    page = response.content.decode()
    assert "続けて「入力」を行ってください" in page and case.number in page


def test_the_exemption_intake_offers_the_five_preferences_the_data_file_carries(client, clerk):
    """A 第6希望 was offered that no application can fill (five kinds at most; 学生納付特例 alone) and
    機構's data file does not carry (exploratory test, 2026-12-05)."""
    applicant, _spouse = applicant_with_household()
    client.force_login(clerk)
    page = client.get(f"/intake/exemption/{applicant.pk}/").content.decode()
    assert 'name="kind_5"' in page and 'name="kind_6"' not in page


def test_the_householder_choice_names_the_applicant_heading_the_household(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    """No 世帯主 means the applicant heads the household; the 入力 choice said 「なし」 beside a hint
    saying 「世帯主 本人」, and 照合 compared 「なし / なし」 (exploratory test, 2026-12-05)."""
    from cases.exemption.comparison import household_comparison

    applicant, spouse = applicant_with_household()  # the applicant heads the household
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    client.force_login(clerk)
    page = client.get(f"/desk/tasks/{h.open_task(case, 'enter_data').pk}/").content.decode()
    select = page[page.index('name="householder"') :]
    assert '<option value="" selected>本人 (申請者が世帯主)</option>' in select[: select.index("</select>")]
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    row = next(row for row in household_comparison(case) if str(row.label) == "世帯主")
    assert str(row.entered) == str(row.registry) == "本人 (申請者が世帯主)" and not row.differs


def test_too_few_identity_documents_say_so_with_the_deadline(client, clerk):
    """The exploratory test of 2026-12-05: one 通知カード sent the case to 書類不備 and the screen said
    only 「本人確認を記録しました。」: the clerk must hear that the case now waits for papers, and until when."""
    from cases.common.date_display import date_show

    _intake_exemption(client, clerk)
    case = Case.objects.get()
    verify = h.open_task(case, "verify_identity")
    response = client.post(f"/desk/tasks/{verify.pk}/", {"documents": ["notification_card"]}, follow=True)
    case.refresh_from_db()
    assert case.stage == Stage.AWAITING_DOCUMENTS
    page = response.content.decode()
    assert "書類不備" in page and date_show(case.documents_due_on) in page
    assert "本人確認を記録しました。" not in page


def test_identity_with_nothing_ticked_is_refused_until_the_clerk_says_papers_are_missing(client, clerk):
    """The exploratory test of 2026-12-06: 「本人確認を記録」 with no box ticked (a stray Enter) sent
    the case to 書類不備 with a default deadline. Nothing ticked is now refused; 書類不備 is a choice."""
    _intake_exemption(client, clerk)
    case = Case.objects.get()
    verify = h.open_task(case, "verify_identity")
    empty = {"note": "", "due_on": ""}  # what the browser sends with no box ticked
    page = client.post(f"/desk/tasks/{verify.pk}/", empty).content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.IDENTITY
    assert "提示された書類にチェックを入れるか" in page and "書類不備として記録する" in page
    # A card ticked together with 「書類不備」 contradicts itself: refused as well.
    client.post(f"/desk/tasks/{verify.pk}/", {**empty, "documents": ["mynumber_card"], "insufficient": "on"})
    case.refresh_from_db()
    assert case.stage == Stage.IDENTITY
    response = client.post(f"/desk/tasks/{verify.pk}/", {**empty, "insufficient": "on"}, follow=True)
    case.refresh_from_db()
    assert case.stage == Stage.AWAITING_DOCUMENTS
    assert "書類不備" in response.content.decode()


def test_a_finished_tasks_link_says_it_is_finished(client, clerk):
    """Opening a done task (an old link, a second tab) said 「この作業はあなたの担当ではありません。
    キューから担当してください。」, which sends the clerk looking for it in the queue."""
    _intake_exemption(client, clerk)
    case = Case.objects.get()
    verify = h.open_task(case, "verify_identity")
    client.post(f"/desk/tasks/{verify.pk}/", {"documents": ["mynumber_card"]})
    response = client.get(f"/desk/tasks/{verify.pk}/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    assert "この作業は既に終わっています" in page and "キューから担当してください" not in page


def test_the_case_page_offers_a_step_only_to_whoever_may_take_it(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """The case page offered 「担当する」 to the inputter at 照合 and to a clerk at 決裁; pressing it
    answered only 「権限がありません」 (exploratory test, 2026-12-05)."""
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    claim = f"/desk/tasks/{h.open_task(case, 'cross_check').pk}/claim/"
    client.force_login(clerk)  # the inputter: 照合 is a second clerk's
    assert claim not in client.get(f"/cases/{case.pk}/").content.decode()
    client.force_login(clerk2)
    assert claim in client.get(f"/cases/{case.pk}/").content.decode()
    h.cross_check(case, clerk2)
    claim = f"/desk/tasks/{h.open_task(case, 'approve').pk}/claim/"
    assert claim not in client.get(f"/cases/{case.pk}/").content.decode()  # 決裁 is a 係長's
    client.force_login(supervisor)
    assert claim in client.get(f"/cases/{case.pk}/").content.decode()


def test_the_reassign_list_offers_only_who_may_take_the_step(
    client, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """付け替え offered the inputter for 照合, who was then refused (職務分離; exploratory test,
    2026-12-05): the list holds only those who may take the step."""
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    task = h.open_task(case, "cross_check")
    client.force_login(supervisor)
    page = client.get(f"/desk/tasks/{task.pk}/reassign/").content.decode()
    select = page[page.index('name="to_user"') :]
    select = select[: select.index("</select>")]
    assert f'value="{clerk2.pk}"' in select and f'value="{clerk.pk}"' not in select


def test_when_the_next_step_is_someone_elses_the_clerk_returns_to_the_inbox(
    client, clerk, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    client.force_login(clerk)
    task = h.open_task(case, "enter_data")
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    assert "data-autofocus" in page  # the input form starts in its first field
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    assert case.stage == Stage.CROSS_CHECK  # 照合 is for a second clerk: nothing more for this one


def test_the_request_counter_goes_straight_to_the_response(client, clerk):
    from tests.requests.conftest import take_request

    applicant, _spouse = applicant_with_household()
    case = take_request(client, clerk, applicant, "disclosure")
    response = client.get(f"/intake/requests/{applicant.pk}/")
    assert response.status_code == 200
    assert any(task.owner_id == clerk.pk for task in _open_tasks(case))


# --- 取下げ at any stage before 送付 ------------------------------------------------------------------


def _exemption_at(stage: str, clerk, clerk2, supervisor, capture):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    if stage == Stage.IDENTITY:
        return case
    h.verify(case, clerk)
    if stage == Stage.INPUT:
        return case
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    if stage == Stage.CROSS_CHECK:
        return case
    h.cross_check(case, clerk2)
    if stage == Stage.APPROVAL:
        return case
    with capture(execute=True):
        h.approve(case, supervisor)
    return case


@pytest.mark.parametrize(
    "stage", [Stage.IDENTITY, Stage.INPUT, Stage.CROSS_CHECK, Stage.APPROVAL, Stage.READY_TO_SEND]
)
def test_a_case_is_withdrawn_at_any_stage_before_sending_and_its_open_task_is_cancelled(
    stage, clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    case = _exemption_at(stage, clerk, clerk2, supervisor, django_capture_on_commit_callbacks)
    assert case.stage == stage and _open_tasks(case)
    case_withdraw(case_id=case.pk, user=clerk, reason="申請者から取下げの申出 (電話)")
    case.refresh_from_db()
    assert case.stage == Stage.WITHDRAWN and case.closed_at is not None
    assert _open_tasks(case) == []
    assert case.process.status == PROCESS.CANCELED
    event = case.events.get(action=CaseEvent.Action.WITHDRAWN)
    assert (event.from_stage, event.comment) == (stage, "申請者から取下げの申出 (電話)")


def test_withdrawing_needs_a_reason_and_changes_nothing_without_one(clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    with pytest.raises(ValidationError, match="理由"):
        case_withdraw(case_id=case.pk, user=clerk, reason="  ")
    case.refresh_from_db()
    assert case.stage == Stage.IDENTITY and len(_open_tasks(case)) == 1


def test_a_case_in_a_bundle_or_already_sent_is_not_withdrawn(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    case = _exemption_at(Stage.READY_TO_SEND, clerk, clerk2, supervisor, django_capture_on_commit_callbacks)
    bundle = SubmissionBundle.objects.create(number="S20260403-1500", cutoff_at=timezone.now())
    BundleItem.objects.create(bundle=bundle, case=case)
    with pytest.raises(ValidationError, match="送付 S20260403-1500 に含まれています"):
        case_withdraw(case_id=case.pk, user=clerk, reason="取下げ")
    Case.objects.filter(pk=case.pk).update(stage=Stage.SENT)
    with pytest.raises(ValidationError, match="送付済"):
        case_withdraw(case_id=case.pk, user=clerk, reason="取下げ")


def test_every_registered_flow_cancels_cleanly(clerk):
    """Each flow's nodes can all be cancelled (viewflow refuses a process with an uncancellable task):
    a type added later gets 取下げ without code of its own."""
    for flow_type in flow_types():
        for node in flow_type.flow.instance.nodes():
            if isinstance(node, nodes.View | nodes.Handle):  # the nodes a case can wait at
                assert hasattr(node.activation_class, "cancel"), f"{flow_type.flow.__name__}.{node.name}"


def test_withdrawing_through_the_case_page(client, clerk, other_office):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "この案件を取り下げる" in page
    response = client.post(f"/cases/{case.pk}/withdraw/", {"reason": ""}, follow=True)
    assert "理由を入力してください" in response.content.decode()
    response = client.post(f"/cases/{case.pk}/withdraw/", {"reason": "誤って受け付けたため"}, follow=True)
    assert "取り下げました" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.WITHDRAWN
    assert "この案件を取り下げる" not in client.get(f"/cases/{case.pk}/").content.decode()


def test_another_offices_clerk_cannot_withdraw(client, clerk, other_office):
    from tests.conftest import make_user

    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(make_user("kamui1", "clerk", other_office))
    assert client.post(f"/cases/{case.pk}/withdraw/", {"reason": "取下げ"}).status_code == 404
    case.refresh_from_db()
    assert case.stage == Stage.IDENTITY


# --- a returned task ------------------------------------------------------------------------------


def test_a_returned_task_is_marked_in_the_inbox_with_its_reason_and_the_reason_heads_the_task_screen(
    client, clerk, clerk2, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2, matches=False, reason="生年月日が申請書と相違")
    client.force_login(clerk)
    inbox = client.get("/desk/inbox/").content.decode()
    assert 'class="returned' in inbox and "差戻し" in inbox and "生年月日が申請書と相違" in inbox
    task = h.open_task(case, "enter_data")
    page = client.get(f"/desk/tasks/{task.pk}/").content.decode()
    note = page.index("returned-note")
    assert note < page.index("申請書の記載") and "生年月日が申請書と相違" in page[note : note + 600]


def test_every_page_starts_with_a_skip_link_to_the_content(client, clerk):
    client.force_login(clerk)
    page = client.get("/intake/").content.decode()
    assert page.index('class="skip-link" href="#main"') < page.index('class="mainnav"')
    assert 'id="main"' in page and "data-autofocus" in page
