"""The exemption case page's 「所得情報の添付」 before the attachment is asked for: the QA walk found
「所得情報を添付中です」 on a case just taken (本人確認), though income is attached only after 入力
(exemption_input_save sends the job)."""

import pytest

from cases.kernel.models import Stage
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
ATTACHING = "所得情報を添付中です。"
LATER = "所得情報は入力の後に添付されます。"


def test_before_input_the_page_says_when_income_will_be_attached_not_that_it_is_attaching(
    client, clerk, django_capture_on_commit_callbacks
):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    assert case.stage == Stage.IDENTITY
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert ATTACHING not in page and LATER in page
    h.verify(case, clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert ATTACHING not in page and LATER in page
    h.enter(case, clerk, spouse=spouse)  # the job is sent on commit, not run here
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert ATTACHING in page and LATER not in page
    case.exemption.refresh_from_db()
    assert case.exemption.income_attached_at is None


def test_a_case_withdrawn_before_input_does_not_say_it_is_attaching(client, clerk):
    from workflows.withdraw import case_withdraw

    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    case_withdraw(case_id=case.pk, user=clerk, reason="申請者からの取下げ")
    case.refresh_from_db()
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert ATTACHING not in page and LATER not in page
