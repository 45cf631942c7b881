"""One 送付期限 for every case filed with 機構 (国民年金法施行規則9条: 「受理した日から十四日以内」, the day of
receipt not counted — 民法140条), stored on the case when it is received and read by the desk's lists,
the dashboard and the bundle screen alike. Before, the desk computed it for every filed type while the
bundle screen's 「期限後」 warning read a column only 資格届出 filled, so an exemption received 20 days
ago was overdue in the inbox and not late on the bundle screen."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from cases.kernel.deadlines import case_deadline
from cases.kernel.models import Case, Stage
from cases.submission.selectors.bundles import cases_sent_late
from tests.factories import applicant_with_household
from tests.qualification.helpers import intake, person
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_rule_9_every_filed_case_stores_its_sending_deadline_14_days_after_receipt(clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    assert case.send_due_on == case.received_on + 14 * DAY == case_deadline(case)


def test_rule_9_an_exemption_the_next_bundle_would_send_late_is_on_the_bundle_screens_list(clerk, supervisor):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.backdate_receipt(case, 20)
    late = cases_sent_late(user=supervisor, cutoff_at=timezone.now())
    assert case.pk in set(late.values_list("pk", flat=True))


def test_rule_9_the_desk_home_says_the_rule_is_every_types_and_marks_what_is_past(client, clerk, supervisor):
    """The desk's box explained the 14 days as the 資格届出's rule while it listed exemptions (an
    exploratory test, 2026-12-05, found it confusing): 則9条 is every filed type's; a case already past
    its day is marked."""
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.backdate_receipt(case, 20)
    client.force_login(supervisor)
    page = client.get("/desk/").content.decode()
    box = page[page.index("次の定期送付では送付期限に間に合わない案件") :]
    box = box[: box.index("</section>")]
    assert case.number in box and "種類を問わず" in box and "期限切れ" in box


def test_a_reminded_person_who_has_not_filed_yet_has_no_sending_deadline(clerk):
    from cases.qualification.services import qualification_solicit
    from cases.qualification.texts import SOLICITED
    from workflows.start import case_start

    resident = person(kind=None)
    case = case_start(
        case_type="qualification",
        intake=lambda: qualification_solicit(
            actor=clerk,
            resident=resident,
            kind="acquisition",
            event="age20",
            event_date=timezone.localdate(),
            source=SOLICITED(list="20歳到達者 (未加入) 一覧", file="list.csv"),
        ),
        receipt=False,
    )
    assert case.stage == Stage.INTAKE and case.send_due_on is None and case_deadline(case) is None
    filed = intake(
        clerk, person(kind=None), kind="acquisition", event="immigration", event_date=timezone.localdate()
    )
    assert filed.send_due_on == filed.received_on + 14 * DAY


def test_the_migration_gives_cases_received_before_it_their_deadline(clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    Case.objects.filter(pk=case.pk).update(send_due_on=None)
    migration = importlib.import_module("cases.migrations.0022_send_due_on_every_filing")
    migration.forwards(apps, None)
    case.refresh_from_db()
    assert case.send_due_on == case.received_on + 14 * DAY
