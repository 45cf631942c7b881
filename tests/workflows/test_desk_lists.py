"""Issue 14 §2 and §4: the inbox and the queue show age, deadline, type and stage, sort and filter
(type, stage, office, overdue) and page with the filters kept; bulk claim, reassign and print show
what will happen to each task first and report each result; 案件検索 finds a 整理番号 however typed."""

import datetime as dt

import pytest
from django.utils import timezone
from viewflow.workflow.status import STATUS

from cases.kernel.models import Case, Stage
from cases.security.models.audit import AuditAction, AuditEntry
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine
from workflows.search import case_number_q
from workflows.selectors import TaskFilter, inbox_for, queue_for

pytestmark = pytest.mark.django_db


def test_the_inbox_shows_type_stage_age_and_the_deadline(client, clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.backdate_receipt(case, 20)
    client.force_login(clerk)
    page = client.get("/desk/inbox/").content.decode()
    for heading in ("種別", "経過日数", "期限"):
        assert f">{heading}" in page
    assert "免除・納付猶予申請" in page and "期限切れ" in page  # 受付から14日 (施行規則9条) has passed


def test_filters_by_stage_type_and_overdue_and_sorts_by_deadline(clerk):
    applicant, _spouse = applicant_with_household()
    old = h.start_case(clerk=clerk, resident=applicant)
    applicant, _spouse = applicant_with_household()
    new = h.start_case(clerk=clerk, resident=applicant)
    h.verify(new, clerk)
    h.backdate_receipt(old, 30)
    cases = lambda tasks: [t.process.case.pk for t in tasks]  # noqa: E731
    assert cases(inbox_for(user=clerk, filters=TaskFilter(stage=Stage.INPUT))) == [new.pk]
    assert cases(inbox_for(user=clerk, filters=TaskFilter(overdue=True))) == [old.pk]
    assert cases(inbox_for(user=clerk, filters=TaskFilter(case_type="disclosure"))) == []
    assert cases(inbox_for(user=clerk, filters=TaskFilter(sort="deadline"))) == [old.pk, new.pk]
    assert cases(inbox_for(user=clerk, filters=TaskFilter(sort="-deadline"))) == [new.pk, old.pk]


def test_the_queue_of_a_supervisor_filters_by_office(
    clerk, clerk2, supervisor, other_office, django_capture_on_commit_callbacks
):
    here = []
    for office_clerks in (
        (clerk, clerk2),
        (make_user("kamui1", "clerk", other_office), make_user("kamui2", "clerk", other_office)),
    ):
        applicant, spouse = applicant_with_household()
        case = h.start_case(clerk=office_clerks[0], resident=applicant)
        h.verify(case, office_clerks[0])
        with django_capture_on_commit_callbacks(execute=True):
            h.enter(case, office_clerks[0], spouse=spouse)
        h.cross_check(case, office_clerks[1])
        here.append(case)
    everywhere = queue_for(user=supervisor, filters=TaskFilter(stage=Stage.APPROVAL))
    assert {t.process.case.pk for t in everywhere} == {c.pk for c in here}
    kamui = queue_for(user=supervisor, filters=TaskFilter(office_id=other_office.pk))
    assert [t.process.case.pk for t in kamui] == [here[1].pk]
    # A clerk's queue is their own office's, whatever office is asked for.
    assert queue_for(user=clerk, filters=TaskFilter(office_id=other_office.pk)).count() == 0


def test_a_branch_supervisors_queue_and_tasks_are_their_own_offices(
    client, clerk, clerk2, supervisor, other_office, three_at_cross_check
):
    """Seeing is not acting (cases/security/scope.py, decisions §17): a 神居 係長 sees the city's
    backlog on the dashboard and in the case search, but the queue holds only the work they may do,
    a 本庁 task can be neither taken nor moved by them, and the engine refuses it too."""
    branch = make_user("super-kamui", "supervisor", other_office)
    case = three_at_cross_check[0]
    cross_check = h.open_task(case, "cross_check")
    for filters in (TaskFilter(), TaskFilter(office_id=case.office_id), TaskFilter(everyone=True)):
        assert not queue_for(user=branch, filters=filters).filter(pk=cross_check.pk).exists(), filters
    assert cross_check.flow_task.can_assign(branch, cross_check) is False
    assert cross_check.flow_task.can_assign(clerk2, cross_check) is True
    client.force_login(branch)
    preview = _bulk(client, "reassign", [cross_check], to_user=clerk2.pk).content.decode()
    assert "その事務所の係長が付け替えます" in preview
    result = _bulk(client, "reassign", [cross_check], to_user=clerk2.pk, reason="代理", confirm="1")
    assert "0 件を実行しました" in result.content.decode() or "実行していません" in result.content.decode()
    cross_check.refresh_from_db()
    assert cross_check.owner_id is None
    assert client.get(f"/cases/{case.pk}/").status_code == 200  # seeing stays


def test_pages_keep_the_filters(client, clerk, settings):
    from workflows.views import desk

    desk.PAGE_SIZE, saved = 2, desk.PAGE_SIZE
    try:
        for _ in range(5):
            applicant, _spouse = applicant_with_household()
            h.start_case(clerk=clerk, resident=applicant)
        client.force_login(clerk)
        page = client.get("/desk/inbox/?stage=identity&sort=received").content.decode()
        assert "stage=identity&amp;sort=received&amp;page=2" in page and "1 / 3 ページ" in page
    finally:
        desk.PAGE_SIZE = saved


# --- bulk actions ---------------------------------------------------------------------------------


def _bulk(client, action, tasks, **extra):
    data = {"action": action, "task": [t.pk for t in tasks], "back": "/desk/queue/", **extra}
    return client.post("/desk/tasks/bulk/", data)


def test_bulk_claim_previews_each_task_explaining_refusals_then_claims_only_the_allowed(
    client, clerk, clerk2, three_at_cross_check
):
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    applicant, _spouse = applicant_with_household()
    other = h.start_case(clerk=clerk2, resident=applicant)
    h.verify(other, clerk2)
    engine.task_release(task_id=h.open_task(other, "enter_data").pk, user=clerk2)
    own_input = h.open_task(other, "enter_data")
    client.force_login(clerk)
    preview = _bulk(client, "claim", [*tasks, own_input]).content.decode()
    assert "職務分離" in preview  # the inputter of the three cases may not cross-check them
    assert "1 件を実行する" in preview and "まだ何も変更していません" in preview
    for task in tasks:
        task.refresh_from_db()
        assert task.status == STATUS.NEW  # the preview changed nothing
    result = _bulk(client, "claim", [*tasks, own_input], confirm="1").content.decode()
    assert "1 件を実行しました。3 件は実行していません" in result
    assert result.count("担当済み") == 1 and result.count("未実行") == 3 and ">不可<" not in result
    own_input.refresh_from_db()
    assert own_input.owner_id == clerk.pk


def test_a_task_taken_between_preview_and_confirmation_is_reported_not_overwritten(
    client, clerk, clerk2, three_at_cross_check
):
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    client.force_login(clerk2)
    assert "3 件を実行する" in _bulk(client, "claim", tasks).content.decode()
    third = make_user("clerk3", "clerk", clerk.office)
    engine.task_claim(task_id=tasks[0].pk, user=third)
    result = _bulk(client, "claim", tasks, confirm="1").content.decode()
    assert "2 件を実行しました。1 件は実行していません" in result and "clerk3" in result
    tasks[0].refresh_from_db()
    assert tasks[0].owner_id == third.pk


def test_bulk_reassign_is_a_supervisors_and_explains_who_may_not_take_what(
    client, clerk, clerk2, supervisor, three_at_cross_check
):
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    client.force_login(clerk2)
    assert _bulk(client, "reassign", tasks).status_code == 403
    client.force_login(supervisor)
    preview = _bulk(client, "reassign", tasks).content.decode()
    assert "新しい担当者を選んでください" in preview
    preview = _bulk(client, "reassign", tasks, to_user=clerk.pk).content.decode()
    assert preview.count("職務分離") == 3  # clerk input all three
    missing_reason = _bulk(client, "reassign", tasks, to_user=clerk2.pk, confirm="1").content.decode()
    assert "付け替えの理由を入力してください" in missing_reason
    result = _bulk(client, "reassign", tasks, to_user=clerk2.pk, reason="休暇の代理", confirm="1")
    assert "3 件を実行しました" in result.content.decode()
    # The result column says what was done, not the preview's verdict 「可」 (QA walk).
    column = result.content.decode().split('class="bulk-items"', 1)[1]
    assert column.count("付け替え済み") == 3 and ">可<" not in column
    assert {t.owner_id for t in queue_for(user=clerk2)} == set() and all(
        h.open_task(case, "cross_check").owner_id == clerk2.pk for case in three_at_cross_check
    )


def test_bulk_reassign_offers_only_staff_of_the_tasks_offices(
    client, clerk, clerk2, supervisor, three_at_cross_check, other_office
):
    """Exploratory test 2026-12-06: the list offered the clerks of every office, each then refused in the
    preview (DeskView.can_assign: only the case's own office works on it); the single 付け替え screen
    already offered only the case's office."""
    elsewhere = make_user("clerk-kamui", "clerk", other_office)
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    client.force_login(supervisor)
    form = _bulk(client, "reassign", tasks).content.decode()
    offered = form.split('name="to_user"', 1)[1].split("</select>", 1)[0]
    assert f'value="{clerk2.pk}"' in offered and f'value="{elsewhere.pk}"' not in offered
    _bulk(client, "reassign", tasks, to_user=elsewhere.pk, reason="代理", confirm="1")  # not a choice
    assert all(h.open_task(case, "cross_check").owner_id != elsewhere.pk for case in three_at_cross_check)


def test_bulk_print_lists_the_cases_and_logs_each_print(
    client, clerk, clerk2, three_at_cross_check, other_office
):
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    client.force_login(clerk2)
    page = _bulk(client, "print", tasks, confirm="1").content.decode()
    assert all(case.number in page for case in three_at_cross_check) and "作業票" in page
    printed = AuditEntry.objects.filter(action=AuditAction.PRINT, target="worklist")
    assert sorted(printed.values_list("case_id", flat=True)) == sorted(c.pk for c in three_at_cross_check)
    client.force_login(make_user("kamui1", "clerk", other_office))
    page = _bulk(client, "print", tasks, confirm="1").content.decode()
    assert "作業が見つかりません" in page and three_at_cross_check[0].number not in page


def test_a_branch_supervisor_may_print_another_offices_worklist_and_each_print_is_logged(
    client, clerk, three_at_cross_check, other_office
):
    """docs/decisions.md 49: a 係長 sees every office's backlog (product.md), so a branch 係長 may print
    the 作業票 of a 本庁 task they can read; each case printed is logged in their name (PIA III-8)."""
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    branch_chief = make_user("kamui-chief", "supervisor", other_office)
    client.force_login(branch_chief)
    page = _bulk(client, "print", tasks, confirm="1").content.decode()
    assert all(case.number in page for case in three_at_cross_check) and "作業が見つかりません" not in page
    printed = AuditEntry.objects.filter(action=AuditAction.PRINT, target="worklist", actor_id=branch_chief.pk)
    assert sorted(printed.values_list("case_id", flat=True)) == sorted(c.pk for c in three_at_cross_check)


def test_bulk_without_a_ticked_task_goes_back_with_a_message(client, clerk):
    client.force_login(clerk)
    response = client.post("/desk/tasks/bulk/", {"action": "claim", "back": "/desk/queue/"}, follow=True)
    assert "作業を1件以上選んでください" in response.content.decode()


# --- 案件検索 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["26", "2026-26", "２０２６－２６", "2026ー000026", " 2026-000026 ", "2026000026", "000026"],
)
def test_a_case_number_is_found_however_it_is_typed(typed, clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    Case.objects.filter(pk=case.pk).update(number="2026-000026")
    assert list(Case.objects.filter(case_number_q(typed)).values_list("number", flat=True)) == ["2026-000026"]


def test_the_case_search_screen_narrows_by_received_date_and_pages(client, clerk):
    for days in (1, 10, 40):
        applicant, _spouse = applicant_with_household()
        case = h.start_case(clerk=clerk, resident=applicant)
        Case.objects.filter(pk=case.pk).update(received_on=timezone.localdate() - dt.timedelta(days=days))
    client.force_login(clerk)
    start = timezone.localdate() - dt.timedelta(days=20)
    response = client.post("/cases/", {"received_from": start.isoformat(), "number": ""}, follow=True)
    page = response.content.decode()
    assert page.count("/cases/") - page.count('action="/cases/"') >= 2
    rows = [line for line in page.splitlines() if 'href="/cases/' in line and "<td>" in line]
    assert len(rows) == 2
    wrong = client.post(
        "/cases/", {"received_from": "2026-05-01", "received_to": "2026-04-01"}
    ).content.decode()
    assert "「から」より後の日付" in wrong


def test_a_supervisor_sees_every_open_task_of_the_office_to_reassign_it(
    clerk, clerk2, supervisor, three_at_cross_check
):
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    engine.task_claim(task_id=tasks[0].pk, user=clerk2)
    assert queue_for(user=supervisor, filters=TaskFilter(stage=Stage.CROSS_CHECK)).count() == 0
    everyone = queue_for(user=supervisor, filters=TaskFilter(stage=Stage.CROSS_CHECK, everyone=True))
    assert {t.pk for t in everyone} == {t.pk for t in tasks}  # held or not, whoever may do them
    # A clerk asking for it gets the ordinary queue.
    assert queue_for(user=clerk2, filters=TaskFilter(everyone=True)).count() == 2


def test_the_audit_log_pages_forward_and_back_with_its_filter(client, auditor, clerk):
    """Issue 14 §4: the access log had a 次へ link only, and no way back."""
    from cases.security.audit import audit_record

    for n in range(230):
        audit_record(action=AuditAction.VIEW, actor=clerk, target=f"case:{n}")
    client.force_login(auditor)
    page = client.get("/audit/?username=clerk1&page=2").content.decode()
    assert "2 / 3 ページ" in page
    for number in (1, 3):
        assert f"username=clerk1&amp;page={number}" in page
    assert "前へ" in page and "次へ" in page and "最初" in page and "最後" in page


def test_a_long_queue_is_counted_up_to_the_cap(client, clerk2, three_at_cross_check, monkeypatch):
    """Issue 15: counting every open task of a big office is most of a queue page's time; a list
    counts up to COUNT_CAP and then says 「… 件以上」, and the desk home says the same."""
    from workflows.views import desk

    monkeypatch.setattr(desk, "COUNT_CAP", 2)
    monkeypatch.setattr(desk.CappedPaginator, "cap", 2)
    client.force_login(clerk2)
    page = client.get("/desk/queue/").content.decode()
    assert "2 件以上" in page and all(case.number in page for case in three_at_cross_check)
    assert "2 件以上" in client.get("/desk/").content.decode()
    monkeypatch.setattr(desk, "COUNT_CAP", 3)
    monkeypatch.setattr(desk.CappedPaginator, "cap", 3)
    assert "3 件" in client.get("/desk/queue/").content.decode()
    assert "件以上" not in client.get("/desk/queue/").content.decode()


def test_the_rows_escape_what_was_typed(client, clerk):
    """The rows are written in Python (workflows/list_html.py): a name typed with markup is shown as text,
    in the cell and in the checkbox's label, never as markup."""
    applicant, _spouse = applicant_with_household()
    applicant.kanji_name, applicant.kana_name = '<img src=x onerror="alert(1)">', "<b>カナ</b>"
    applicant.save()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    page = client.get("/desk/inbox/").content.decode()
    assert case.number in page
    assert "<img src=x" not in page and "<b>カナ" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page and "&lt;b&gt;カナ&lt;/b&gt;" in page


def test_the_filters_select_is_djangos_markup_with_its_values_escaped():
    """workflows/forms/desk.ListSelect draws the filters' selects in Python: the markup Django's select
    template gives, the chosen option selected, a name typed with markup (an office's, from the admin)
    shown as text."""
    from django import forms

    from workflows.forms.desk import ListSelect

    choices = [("", "すべて"), ("1", '<b>"本庁"</b>'), ("2", "神居支所")]
    ours = ListSelect(choices=choices).render("office", "1", attrs={"id": "id_office", "aria-invalid": True})
    djangos = forms.Select(choices=choices).render(
        "office", "1", attrs={"id": "id_office", "aria-invalid": True}
    )
    assert " ".join(ours.split()) == " ".join(djangos.replace(">\n\n", ">\n").split())
    assert '<option value="1" selected>&lt;b&gt;&quot;本庁&quot;&lt;/b&gt;</option>' in ours


@pytest.mark.parametrize(
    ("widget", "value"),
    [
        ("checkbox", True),
        ("checkbox", False),
        ("checkbox", None),
        ("hidden", "-received"),
        ("hidden", '"<x>'),
    ],
)
def test_the_filters_inputs_are_djangos_markup(widget, value):
    """The filters' check boxes (期限を過ぎたものだけ, 付け替え用) and the hidden sort order are drawn in Python
    too (issue 15: through Django's widget templates they were a fifth of the page's template time): the
    markup Django's input template gives, checked when set, the value escaped."""
    from django import forms

    from workflows.forms.desk import ListCheckbox, ListHidden

    ours, djangos = (
        (ListCheckbox(), forms.CheckboxInput())
        if widget == "checkbox"
        else (ListHidden(), forms.HiddenInput())
    )
    attrs = {"id": "id_x", "aria-invalid": True}
    assert ours.render("x", value, attrs=attrs) == djangos.render("x", value, attrs=attrs).strip()


def test_the_filter_form_draws_no_widget_template(rf, clerk, django_capture_on_commit_callbacks):
    """Every box of the inbox's and the queue's filter form is drawn in Python (ListSelect, ListCheckbox,
    ListHidden): none goes through the form renderer's templates, one include per box."""
    from unittest import mock

    from django.forms.renderers import DjangoTemplates

    from workflows.forms.desk import TaskFilterForm

    form = TaskFilterForm({"overdue": "on", "sort": "-number"}, offices=[], reassign=True)
    with mock.patch.object(DjangoTemplates, "render", side_effect=AssertionError("a widget template")):
        html = "".join(str(field) for field in form)
    assert 'name="overdue" id="id_overdue" checked' in html and 'value="-number"' in html


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_supervisors_queue_narrowed_to_an_office_names_that_office_in_its_heading(
    client, supervisor, other_office, language
):
    """Exploratory walk of 2026-12-07: a 本庁 係長 who chose 神居支所 in 受付事務所 read
    「キュー 全事務所 ・ 63 件」, the count of one office under the words for all of them (the dashboard's
    heading names the office it shows)."""
    client.force_login(supervisor)
    client.post("/language/", {"language": language})
    page = client.get(f"/desk/queue/?office={other_office.pk}").content.decode()
    heading = page[page.index("<h1>") : page.index("</h1>")]
    assert other_office.name in heading
    everywhere = client.get("/desk/queue/").content.decode()
    assert ("全事務所" if language == "ja" else "All offices") in everywhere[
        everywhere.index("<h1>") : everywhere.index("</h1>")
    ]


@pytest.mark.parametrize(("language", "label"), [("ja", "並び順: "), ("en", "Sort order: ")])
def test_a_bad_sort_order_is_named_by_its_label_not_the_field_name(client, clerk, language, label):
    """A stale or altered link's sort order (a hidden field) is refused naming it as a clerk knows it, not
    by the form's field name 「sort」 (exploratory walk of 2026-12-07)."""
    client.force_login(clerk)
    client.cookies["django_language"] = language
    page = client.get("/desk/queue/?sort=nonsense").content.decode()
    assert f'<p class="field-error">{label}' in page and '<p class="field-error">sort: ' not in page
