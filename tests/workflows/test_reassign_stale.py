"""付け替え (exploratory test): the form offered the task's current owner, and choosing them put a no-op
「付け替え → 佐藤 美咲」 on the timeline; a page opened before another 係長's 付け替え overrode it without a
word. The current owner is not offered and is refused; a page (or a bulk preview) that showed another
owner than the task has now changes nothing and says who moved it to whom — a race, not a refusal."""

import pytest
from django.core.cache import cache
from viewflow.workflow.status import STATUS

from cases.kernel.models import CaseEvent
from cases.security.models.audit import AuditAction, AuditEntry
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows import engine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _refusals_logged_afresh():
    # A refusal is logged once per user and URL for a while: "nothing logged" must not rest on a
    # previous run's entry.
    cache.clear()


@pytest.fixture
def clerk3(office):
    return make_user("clerk3", "clerk", office)


@pytest.fixture
def supervisor2(office):
    return make_user("super2", "supervisor", office)


@pytest.fixture
def held(clerk, clerk2, django_capture_on_commit_callbacks):
    """A case at 照合, its task held by clerk2 (clerk input it, so may not take it)."""
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    task = h.open_task(case, "cross_check")
    engine.task_claim(task_id=task.pk, user=clerk2)
    return case, task


def _offered(page: str) -> str:
    select = page[page.index('name="to_user"') :]
    return select[: select.index("</select>")]


def _reassigned(case):
    return case.events.filter(action=CaseEvent.Action.REASSIGNED).count()


def _denied(user):
    return AuditEntry.objects.filter(action=AuditAction.DENIED, actor_id=user.pk).count()


def test_the_current_owner_is_not_offered_and_shows_as_the_shown_owner(
    client, held, clerk2, clerk3, supervisor
):
    _case, task = held
    client.force_login(supervisor)
    page = client.get(f"/desk/tasks/{task.pk}/reassign/").content.decode()
    assert f'value="{clerk3.pk}"' in _offered(page) and f'value="{clerk2.pk}"' not in _offered(page)
    assert f'name="owner" value="{clerk2.pk}"' in page


def test_a_reassign_to_the_current_owner_is_refused_with_no_timeline_entry(client, held, clerk2, supervisor):
    case, task = held
    client.force_login(supervisor)
    response = client.post(
        f"/desk/tasks/{task.pk}/reassign/", {"to_user": clerk2.pk, "reason": "念のため", "owner": clerk2.pk}
    )
    assert response.status_code == 200
    assert f"既に {clerk2} さんの担当です" in response.content.decode()
    assert _reassigned(case) == 0
    assert _denied(supervisor) == 0  # nothing forbidden was tried: a no-op turned down


def test_the_engine_refuses_a_reassign_to_the_current_owner(held, clerk2, supervisor):
    case, task = held
    with pytest.raises(engine.TaskAlreadyTheirs, match="既に"):
        engine.task_reassign(
            task_id=task.pk, user=supervisor, to_user=clerk2, reason="念のため", shown_owner_id=clerk2.pk
        )
    assert _reassigned(case) == 0


def test_a_stale_reassign_page_changes_nothing_and_says_who_moved_the_task(
    client, held, clerk, clerk2, clerk3, supervisor, supervisor2
):
    case, task = held
    client.force_login(supervisor)
    page = client.get(f"/desk/tasks/{task.pk}/reassign/").content.decode()
    assert f'name="owner" value="{clerk2.pk}"' in page
    # Meanwhile another 係長 moves it to clerk3.
    engine.task_reassign(
        task_id=task.pk, user=supervisor2, to_user=clerk3, reason="休暇", shown_owner_id=clerk2.pk
    )
    fourth = make_user("clerk4", "clerk", clerk.office)
    response = client.post(
        f"/desk/tasks/{task.pk}/reassign/", {"to_user": fourth.pk, "reason": "代理", "owner": clerk2.pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f"この作業は画面を開いた後に {supervisor2} さんが {clerk3} さんに付け替えました。もう一度確認してください。"
        in page
    )
    task.refresh_from_db()
    assert task.owner_id == clerk3.pk
    assert case.events.filter(action=CaseEvent.Action.REASSIGNED, actor=supervisor).count() == 0
    assert _denied(supervisor) == 0  # a race between colleagues, not a refusal
    # The page now shows the task as it is, to decide again: the owner it carries is clerk3's.
    assert f'name="owner" value="{clerk3.pk}"' in page and "代理" in page


def test_a_stale_page_that_showed_the_task_unowned_names_who_took_it(
    client, held, clerk2, clerk3, supervisor
):
    _case, task = held
    engine.task_release(task_id=task.pk, user=clerk2)
    engine.task_claim(task_id=task.pk, user=clerk3)
    with pytest.raises(engine.TaskOwnerChanged, match=f"{clerk3} さんが担当しました"):
        engine.task_reassign(
            task_id=task.pk, user=supervisor, to_user=clerk2, reason="代理", shown_owner_id=None
        )
    task.refresh_from_db()
    assert task.owner_id == clerk3.pk


def test_a_stale_page_that_showed_the_task_unowned_names_the_supervisor_who_moved_it(
    held, clerk2, clerk3, supervisor, supervisor2
):
    _case, task = held
    engine.task_release(task_id=task.pk, user=clerk2)
    engine.task_reassign(
        task_id=task.pk, user=supervisor2, to_user=clerk3, reason="休暇", shown_owner_id=None
    )
    with pytest.raises(engine.TaskOwnerChanged, match=f"{supervisor2} さんが {clerk3} さんに付け替えました"):
        engine.task_reassign(
            task_id=task.pk, user=supervisor, to_user=clerk2, reason="代理", shown_owner_id=None
        )


def _bulk(client, tasks, **extra):
    data = {"action": "reassign", "task": [t.pk for t in tasks], "back": "/desk/queue/", **extra}
    return client.post("/desk/tasks/bulk/", data)


def test_a_bulk_reassign_skips_a_task_whose_owner_changed_since_the_preview(
    client, held, clerk, clerk2, clerk3, supervisor, supervisor2
):
    case, task = held
    fourth = make_user("clerk4", "clerk", clerk.office)
    client.force_login(supervisor)
    preview = _bulk(client, [task], to_user=fourth.pk).content.decode()
    assert f'name="owner_{task.pk}" value="{clerk2.pk}"' in preview
    engine.task_reassign(
        task_id=task.pk, user=supervisor2, to_user=clerk3, reason="休暇", shown_owner_id=clerk2.pk
    )
    result = _bulk(
        client, [task], to_user=fourth.pk, reason="代理", confirm="1", **{f"owner_{task.pk}": clerk2.pk}
    ).content.decode()
    assert "0 件を実行しました。1 件は実行していません" in result
    assert f"この作業は画面を開いた後に {supervisor2} さんが {clerk3} さんに付け替えました。" in result
    task.refresh_from_db()
    assert task.owner_id == clerk3.pk
    assert case.events.filter(action=CaseEvent.Action.REASSIGNED, actor=supervisor).count() == 0
    assert _denied(supervisor) == 0


def test_the_bulk_result_shows_the_owner_after_the_action(client, held, clerk2):
    """Exploratory test: 「現在の担当」 said 未担当 for the tasks the bulk 担当 had just claimed."""
    _case, task = held
    engine.task_release(task_id=task.pk, user=clerk2)
    task.refresh_from_db()
    assert task.status == STATUS.NEW
    client.force_login(clerk2)
    data = {"action": "claim", "task": [task.pk], "back": "/desk/queue/", "confirm": "1"}
    result = client.post("/desk/tasks/bulk/", data).content.decode()
    assert "1 件を実行しました" in result
    row = result[result.index("<tbody>") :]
    assert str(clerk2) in row and "未担当" not in row
