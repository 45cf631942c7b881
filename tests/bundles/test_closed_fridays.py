"""The weekly cut-off in a week whose Friday the office is closed (the tester's walk of 2026-12-06, finding
5): the cut moves to the last open day before it, at 15:00, and the scheduled job builds it then; a case
whose 送付期限 (則9条: 「当該届出を受理した日から十四日以内に、機構に送付」) falls before the bundle can be sent
is listed as late."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.submission import bundles as svc
from cases.submission.bundle_common import scheduled_cutoff, sent_late_before
from cases.submission.models import SubmissionBundle
from cases.submission.selectors.bundles import cases_sent_late
from tasks.bundles import bundle_build_weekly
from workflows.dashboard import next_bundle_day


def at(day: str, time: str = "15:00") -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(f"{day}T{time}"))


@pytest.mark.parametrize(
    ("closed_friday", "cut"),
    [
        ("2026-03-20", "2026-03-19"),  # 春分の日: Thursday
        ("2027-01-01", "2026-12-28"),  # 元日, 年末年始 from 29 December: Monday
        ("2027-12-31", "2027-12-28"),  # 年末年始: Tuesday
        ("2028-12-29", "2028-12-28"),  # 年末年始: Thursday
    ],
)
def test_rule_9_the_cut_of_a_week_with_a_closed_friday_is_the_last_open_day_before_it_at_15(
    closed_friday, cut
):
    monday = dt.date.fromisoformat(closed_friday) - dt.timedelta(days=4)
    assert svc.next_cutoff(at(monday.isoformat(), "09:00")) == at(cut)
    assert svc.weekly_cutoff(at(closed_friday, "16:00")) == at(cut)
    assert timezone.localdate(svc.weekly_cutoff(at(cut, "14:59"))) < monday  # last week's
    assert svc.next_cutoff(at(cut, "15:00")) == at(cut) + dt.timedelta(days=7 + 4 - at(cut).weekday())


def test_rule_9_a_week_closed_monday_to_friday_has_no_cut():
    # 2025-12-29 (Monday) to 2026-01-02: 年末年始. The week before is cut on its Friday, the next on its own.
    assert svc.next_cutoff(at("2025-12-26", "15:01")) == at("2026-01-09")
    assert svc.weekly_cutoff(at("2026-01-05", "09:00")) == at("2025-12-26")
    assert scheduled_cutoff(at("2026-01-02")) is None


@pytest.mark.parametrize(
    ("now", "built"),
    [
        ("2026-03-16", None),  # Monday: this week's cut is still ahead
        ("2026-03-19", "2026-03-19"),  # Thursday before 春分の日: the week's cut
        ("2026-03-20", "2026-03-19"),  # the closed Friday (a Friday-only schedule): the same cut, once
        ("2026-03-12", None),  # an ordinary Thursday
        ("2026-03-13", "2026-03-13"),  # an ordinary Friday
    ],
)
def test_rule_9_the_scheduled_job_builds_the_week_s_cut_once_it_has_come(now, built):
    assert scheduled_cutoff(at(now)) == (at(built) if built else None)


@pytest.mark.django_db
def test_rule_9_the_job_run_every_weekday_builds_the_thursday_cut_once(make_ready, monkeypatch):
    (case,) = make_ready(1, approved_at=at("2026-03-19", "11:00"))
    for now, number in [
        ("2026-03-18", ""),
        ("2026-03-19", "S20260319-1500"),
        ("2026-03-20", "S20260319-1500"),
    ]:
        monkeypatch.setattr(timezone, "now", lambda now=now: at(now, "15:00:01"))
        assert bundle_build_weekly.apply().get() == number
    bundle = SubmissionBundle.objects.get()
    assert [item.case for item in bundle.items.all()] == [case]


@pytest.mark.django_db
def test_rule_9_a_case_due_on_a_closed_day_is_late_for_a_bundle_cut_that_day(make_ready, supervisor):
    """Received 2026-03-06, due 2026-03-20 (春分の日). A bundle cut on the 20th (by hand) is sealed on the
    23rd at the earliest: late. The week's regular cut, the 19th, sends it in time; after that, the
    next one (the 27th) would not."""
    (case,) = make_ready(1)
    type(case).objects.filter(pk=case.pk).update(
        received_on=dt.date(2026, 3, 6), send_due_on=dt.date(2026, 3, 20)
    )
    assert sent_late_before(at("2026-03-20")) == dt.date(2026, 3, 23)
    assert case in cases_sent_late(user=supervisor, cutoff_at=at("2026-03-20"))
    assert case not in cases_sent_late(user=supervisor, cutoff_at=svc.next_cutoff(at("2026-03-16")))
    assert case in cases_sent_late(user=supervisor, cutoff_at=svc.next_cutoff(at("2026-03-19", "15:01")))


def test_rule_9_the_dashboard_s_next_bundle_is_the_week_s_cut_day():
    assert next_bundle_day(dt.date(2026, 3, 16)) == dt.date(2026, 3, 19)
    assert next_bundle_day(dt.date(2026, 3, 20)) == dt.date(2026, 3, 27)
    assert next_bundle_day(dt.date(2026, 3, 9)) == dt.date(2026, 3, 13)


@pytest.mark.django_db
def test_rule_9_the_bundle_screen_and_the_desk_show_the_thursday_as_the_next_cut(
    client, supervisor, monkeypatch
):
    client.force_login(supervisor)
    monkeypatch.setattr(timezone, "now", lambda: at("2026-03-16", "10:00"))
    page = client.get("/bundles/").content.decode()
    assert "次の定期の締切</dt><dd>令和8年3月19日 15:00" in page
    assert "次の締切 令和8年3月19日 15:00" in client.get("/desk/").content.decode()


@pytest.mark.django_db
def test_rule_9_the_bundle_list_and_the_desk_name_the_open_day_before_a_closed_send_by_date(
    client, make_ready, supervisor, monkeypatch
):
    from cases.kernel.models import Case

    (case,) = make_ready(1)
    due = timezone.localdate(svc.next_cutoff()) + dt.timedelta(days=1)
    while due.weekday() != 5:  # the Saturday after the next cut: not late for it, but a closed day
        due += dt.timedelta(days=1)
    Case.objects.filter(pk=case.pk).update(send_due_on=due)
    client.force_login(supervisor)
    from cases.common.date_display import date_show

    hint = (
        f"期限の日は閉庁日です。前の開庁日 ({date_show(due - dt.timedelta(days=1))}) までに送付してください。"
    )
    assert hint in client.get("/bundles/").content.decode()
    # On Saturday 2026-03-14 a case due on the Sunday is late for the next cut (Thursday the 19th).
    Case.objects.filter(pk=case.pk).update(send_due_on=dt.date(2026, 3, 15), received_on=dt.date(2026, 3, 1))
    monkeypatch.setattr(timezone, "now", lambda: at("2026-03-14", "10:00"))
    home = client.get("/desk/").content.decode()
    assert "期限の日は閉庁日です。前の開庁日 (令和8年3月13日) までに送付してください。" in home
