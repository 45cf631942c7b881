"""Two tabs of the same task (counter walk): tab 1 sends, tab 2 then sends other values and landed on the
case page with 「この作業は既に終わっています…」 only, nothing saying that what was typed in tab 2 was not
saved. The page now says so; a link followed (GET) to a finished task is not told it."""

from viewflow.workflow.status import STATUS

from cases.kernel.models import Case
from tests.workflows import helpers as h
from tests.workflows.test_counter_flow import _intake_exemption

NOT_SAVED = "この画面で入力した内容は保存されていません"


def test_a_second_tab_sending_a_finished_task_is_told_its_values_were_not_saved(client, clerk, db):
    _intake_exemption(client, clerk)
    case = Case.objects.get()
    verify = h.open_task(case, "verify_identity")
    client.post(f"/desk/tasks/{verify.pk}/", {"documents": ["mynumber_card"]})  # tab 1
    verify.refresh_from_db()
    assert verify.status == STATUS.DONE
    response = client.post(f"/desk/tasks/{verify.pk}/", {"documents": ["license"]}, follow=True)  # tab 2
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/cases/{case.pk}/"
    assert "この作業は既に終わっています" in page and NOT_SAVED in page
    assert "別の画面で先に送信されました" in page


def test_a_finished_tasks_link_followed_is_not_told_of_unsaved_values(client, clerk, db):
    _intake_exemption(client, clerk)
    case = Case.objects.get()
    verify = h.open_task(case, "verify_identity")
    client.post(f"/desk/tasks/{verify.pk}/", {"documents": ["mynumber_card"]})
    page = client.get(f"/desk/tasks/{verify.pk}/", follow=True).content.decode()
    assert "この作業は既に終わっています" in page and NOT_SAVED not in page


def test_a_step_refused_as_finished_a_moment_earlier_says_the_values_were_not_saved(
    client, clerk, db, monkeypatch
):
    """The race inside the step (both tabs past the screen's check, one completes first): the engine's
    TaskUnavailable is said, and so is that this screen's values were not saved."""
    from workflows import engine

    _intake_exemption(client, clerk)
    case = Case.objects.get()
    verify = h.open_task(case, "verify_identity")

    def finished(**_kwargs):
        raise engine.TaskUnavailable("この作業は既に完了しているか、担当が解除されています。")

    monkeypatch.setattr(engine, "task_complete", finished)
    page = client.post(f"/desk/tasks/{verify.pk}/", {"documents": ["mynumber_card"]}, follow=True)
    assert NOT_SAVED in page.content.decode()
