"""The bulk 付け替え's preview before a new owner is chosen (exploratory walk 2026-12-08, the 係長): every row
said 「不可 新しい担当者を選んでください」 under 「選んだ 3 件のうち 0 件を実行できます」, as if every task had been
refused. Now the page says once that an owner must be chosen, and a row says 不可 only for a refusal of its
own, one that no choice of owner would lift. The English confirm button said "Do 2"."""

import pytest
from django.conf import settings
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from tests.workflows import helpers as h
from tests.workflows.test_desk_lists import _bulk

pytestmark = pytest.mark.django_db

CHOOSE = {"ja": "新しい担当者を選んでください", "en": "Choose the new assignee"}
REFUSED = {"ja": ">不可<", "en": ">Refused<"}


def _rows(page: str) -> list[str]:
    table = page.split('class="bulk-items"', 1)[1].split("</tbody>", 1)[0]
    return table.split("<tr")[2:]  # after the header's row


@pytest.mark.parametrize("language", ["ja", "en"])
def test_before_an_owner_is_chosen_only_a_task_refused_on_its_own_says_refused(
    client, clerk, clerk2, supervisor, three_at_cross_check, language
):
    # clerk2, offered, may cross-check the three (clerk entered them): with clerk alone offered, nobody
    # could, and those rows are refused too (test_bulk_preview_offered.py).
    open_tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    # 本人確認, done: no owner chosen would make it reassignable.
    done = Task.objects.filter(
        process_id=three_at_cross_check[0].process_id, status=STATUS.DONE, flow_task_type="HUMAN"
    ).first()
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _bulk(client, "reassign", [*open_tasks, done]).content.decode()
    assert page.count(CHOOSE[language]) == 1, "said once, not on every row"
    rows = _rows(page)
    assert len(rows) == 4
    refused = [row for row in rows if REFUSED[language] in row]
    assert len(refused) == 1 and done.process.case.number in refused[0], refused
    assert "0 件を実行できます" not in page and "0 of the" not in page
    assert 'name="confirm" value="1"' not in page  # nothing to carry out until someone is chosen


@pytest.mark.parametrize(
    ("language", "words"),
    [("ja", "3 件を実行する"), ("en", "Reassign 3 tasks")],
)
def test_the_confirm_button_says_what_it_does(
    client, clerk2, supervisor, three_at_cross_check, language, words
):
    tasks = [h.open_task(case, "cross_check") for case in three_at_cross_check]
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = _bulk(client, "reassign", tasks, to_user=clerk2.pk).content.decode()
    button = page.split('name="confirm" value="1"', 1)[1].split("</button>", 1)[0]
    assert button.endswith(words), button
    assert REFUSED[language] not in page


@pytest.mark.parametrize(
    ("action", "words"), [("claim", "Take 1 task"), ("print", "Print the work sheet (1 task)")]
)
def test_the_english_confirm_button_names_each_action(client, clerk2, three_at_cross_check, action, words):
    client.force_login(clerk2)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _bulk(client, action, [h.open_task(three_at_cross_check[0], "cross_check")]).content.decode()
    button = page.split('name="confirm" value="1"', 1)[1].split("</button>", 1)[0]
    assert button.endswith(words), button
