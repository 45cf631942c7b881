"""The city-year benchmark's driving (bench/city_year_drive.py) on a dozen cases: each event of the mix
once (書類不備, 差戻し at 照合 and at 決裁, 返戻, 却下, 取下げ twice) on the three types, through the
52 weeks' bundles and results. Every case must end where its plan says, its flow finished; no timing."""

import pytest
from viewflow.workflow.status import PROCESS

import documents.services
from bench.city_year_drive import CityYear, expected_stage, rendering_once_per_template
from bench.city_year_types import exemption_period
from bench.city_year_world import EVENT_SHARES, residents_create, staff, year_plan
from cases.kernel.models import Case, CaseEvent, Stage
from cases.submission.models import ResultImport, SubmissionBundle

# The seal's threads and the jobs run after commit: a real transaction per step.
pytestmark = [pytest.mark.pg, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_dozen_cases_through_the_year_end_where_planned(office, monkeypatch):
    monkeypatch.setattr(
        documents.services, "render_pdf", rendering_once_per_template(documents.services.render_pdf)
    )
    from django.utils import timezone

    plans = year_plan(12)
    assert {p.event for p in plans} >= {event for event, _share in EVENT_SHARES}
    assert {p.case_type for p in plans} == {"exemption", "disability", "qualification"}
    residents_create(plans, fiscal_start=exemption_period(timezone.localdate())[0])
    clerks, supervisors = staff(office)

    year = CityYear(plans, clerks, supervisors)
    year.run()

    cases = {c.pk: c for c in Case.objects.select_related("process")}
    assert len(cases) == 12
    for plan in plans:
        case = cases[plan.case_id]
        finished = PROCESS.CANCELED if plan.event == "withdraw_input" else PROCESS.DONE
        assert (plan.case_type, plan.event, case.stage, case.process.status) == (
            plan.case_type,
            plan.event,
            expected_stage(plan),
            finished,
        )
    # Each detour left its trace on the timeline of its case.
    Action = CaseEvent.Action
    traces = {
        "papers": Action.DOCUMENTS_RECEIVED,
        "cross_back": Action.SENT_BACK,
        "approval_back": Action.REJECTED,
        "withdraw_papers": Action.WITHDRAWN,
        "withdraw_input": Action.WITHDRAWN,
    }
    for plan in plans:
        if plan.event in traces:
            assert CaseEvent.objects.filter(case_id=plan.case_id, action=traces[plan.event]).exists(), plan
    returned = next(p for p in plans if p.event == "returned")
    assert Case.objects.get(pk=returned.case_id).bundle_items.count() == 2  # sent again after the 返戻
    # One bundle and one results import per week with approvals, every bundle answered in full.
    assert len(year.bundles) == len(year.imports) == ResultImport.objects.count()
    states = set(SubmissionBundle.objects.values_list("state", flat=True))
    assert states <= {SubmissionBundle.State.RESULT_RECEIVED, SubmissionBundle.State.PARTIALLY_RETURNED}
    assert Case.objects.filter(stage=Stage.CLOSED).count() == 10
