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
from cases.security.audit import audit_chain_verify
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


def test_clerks_at_once_share_each_stage_and_every_case_still_ends_where_planned(
    office, monkeypatch, tmp_path
):
    """--workers 2: each person's stage is split between two forked processes working at the same time on
    their own connections (as two clerks at the desk); the claims, 整理番号, audit chain and documents
    of both must still leave every case where its plan says."""
    monkeypatch.setattr(
        documents.services,
        "render_pdf",
        rendering_once_per_template(documents.services.render_pdf, keep=tmp_path),
    )
    from django.utils import timezone

    plans = year_plan(12)
    for plan in plans:
        plan.week = 0  # all at the counter in the first week, so that every stage has cases to share
    residents_create(plans, fiscal_start=exemption_period(timezone.localdate())[0])
    clerks, supervisors = staff(office)

    year = CityYear(plans, clerks, supervisors, workers=2)
    year.run(weeks=4)  # papers a week later, sent again a week after a 返戻

    assert year.spread_stages >= 5  # 受付, 本人確認, 入力, 照合 and 決裁 at least once each
    for stage in ("受付", "本人確認", "入力", "照合", "決裁"):
        count, _wall, cpu, _pg, queries = year.stats.rows[stage]
        assert count and cpu > 0 and queries > 0, stage  # the children's work is counted
    cases = {c.pk: c for c in Case.objects.select_related("process")}
    assert len(cases) == 12 and len({c.number for c in cases.values()}) == 12
    for plan in plans:
        case = cases[plan.case_id]
        finished = PROCESS.CANCELED if plan.event == "withdraw_input" else PROCESS.DONE
        assert (plan.event, case.stage, case.process.status) == (plan.event, expected_stage(plan), finished)
    assert audit_chain_verify().ok


def test_a_step_failing_in_a_shared_stage_fails_the_stage_with_its_traceback():
    from bench.city_year_spread import spread

    def act(item: int) -> int:
        if item == 3:
            raise ValueError("三件目で失敗")
        return item * 10

    assert spread([1, 2, 4, 5], act, 2, lambda: 0.0)[0] == [10, 20, 40, 50]
    with pytest.raises(RuntimeError, match="三件目で失敗"):
        spread([1, 2, 3, 4], act, 2, lambda: 0.0)
