"""Findings of the ninth session's walk through the manual (docs/manual against the screens).

- The 係長's and the auditor's home were titled 「窓口ホーム」 (the counter's), and the auditor — who holds no
  tasks — was shown 「担当中の作業 0件」 and the queue, on the home and in the menu.
- A task's row repeated the case's stage its own name already says: 「書類不備 (提出待ち) (書類不備)」.
"""

import pytest

from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


def h1(client) -> str:
    return client.get("/desk/").content.decode().split("<h1>")[1].split("</h1>")[0]


def test_each_role_has_its_own_home_title(client, clerk, supervisor, auditor):
    for user, title in ((clerk, "窓口ホーム"), (supervisor, "係長ホーム"), (auditor, "監査ホーム")):
        client.force_login(user)
        assert h1(client) == title


def test_the_home_title_in_english(client, supervisor):
    client.force_login(supervisor)
    client.cookies["django_language"] = "en"
    client.post("/i18n/setlang/", {"language": "en", "next": "/desk/"})
    assert h1(client) == "Supervisor home"


def test_the_auditor_is_not_offered_task_lists(client, auditor, clerk):
    client.force_login(auditor)
    page = client.get("/desk/").content.decode()
    assert "担当中の作業" not in page and "担当できる作業 (キュー)" not in page
    assert 'href="/desk/inbox/"' not in page and 'href="/desk/queue/"' not in page
    assert 'href="/audit/"' in page  # the auditor's own work stays
    client.force_login(clerk)
    page = client.get("/desk/").content.decode()
    assert "担当中の作業" in page and 'href="/desk/queue/"' in page


def test_a_task_row_does_not_repeat_the_stage_its_name_says(client, clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk, documents=[])  # → 書類不備, its task 「書類不備 (提出待ち)」 in the queue
    client.force_login(clerk)
    page = client.get("/desk/queue/").content.decode()
    assert "書類不備 (提出待ち)" in page
    assert "(書類不備)" not in page
