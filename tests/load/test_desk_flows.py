"""The load test's user flows (bench/load/desk_flows.py) against the real views through Django's test
client: every page name maps to the URL name it requests, and each flow's requests get the answers
the locust users count as success. Run in the normal suite, so the load script cannot rot silently
between the (long) load runs."""

import sys

import pytest
from django.test import Client
from django.urls import get_resolver, resolve

from cases.kernel.models import Case, Stage
from cases.security.totp import totp_enable
from tests.conftest import make_user
from tests.factories import PensionRecordFactory
from tests.load.bench_path import LOAD_DIR
from tests.workflows.helpers import cross_check, current_period, enter, start_case, verify

sys.path.insert(0, str(LOAD_DIR))
import desk_flows as flows

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
# A second 係長's own: the replay rule refuses a code used in the same 30 s by a user of the same id.
TOUR_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


class ClientSender:
    """desk_flows' Sender over Django's test client, asserting what the locust sender would check."""

    def __init__(self) -> None:
        self.client = Client()
        self.sent: list[str] = []

    def send(self, method, path, *, name, data=None, expect=200, must_show="", refused="") -> flows.Page:
        assert resolve(path.split("?")[0]).url_name == flows.PAGES[name], (name, path)
        response = self.client.get(path) if method == "GET" else self.client.post(path, data or {})
        text = response.content.decode()
        errors = [line for line in text.splitlines() if "error" in line][:5]
        assert response.status_code == expect, (
            name,
            path,
            response.status_code,
            response.get("Location"),
            errors,
        )
        assert must_show in text, (name, must_show)
        assert not (refused and refused in text), (name, "the page shows a refusal")
        self.sent.append(name)
        return flows.Page(response.status_code, text, response.get("Location", ""))


def test_every_page_name_is_a_url_name():
    names = {name for name in get_resolver().reverse_dict if isinstance(name, str)}
    assert set(flows.PAGES.values()) <= names


def _person(user, **kwargs) -> flows.Person:
    return flows.Person(username=user.username, password="pw-for-tests-only-1", **kwargs)


def _applicant():
    return PensionRecordFactory().resident


def _staff(office, prefix: str, secret: str):
    """Two clerks and a 係長 with TOTP, named after the test."""
    supervisor = make_user(f"{prefix}-super-a", "supervisor", office)
    totp_enable(user=supervisor, secret=secret)
    return (
        make_user(f"{prefix}-clerk-a", "clerk", office),
        make_user(f"{prefix}-clerk-b", "clerk", office),
        supervisor,
    )


def _entered(clerk):
    """A case of ``clerk``'s through 本人確認 and 入力, waiting for 照合."""
    case = start_case(clerk=clerk, resident=_applicant())
    verify(case, clerk)
    enter(case, clerk)
    return case


def _walk_in_facts(walk_in) -> dict:
    """What the users file says of a resident kept for an intake at the counter."""
    start, end = current_period()
    return {"id": walk_in.pk, "kana": walk_in.kana_name, "kanji": walk_in.kanji_name,
            "birth_date": walk_in.birth_date.isoformat(), "period": [f"{start:%Y-%m}", f"{end:%Y-%m}"]}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_clerks_day_and_a_supervisors_approval(reference_data, office):
    clerk, other, supervisor = _staff(office, "load", SECRET)
    at_identity = start_case(clerk=clerk, resident=_applicant())
    _entered(other)  # for the clerk's 照合 from the queue
    cross_check(_entered(other), clerk)  # for the 係長's 決裁
    walk_in = _applicant()
    facts = {"addresses": {r.atena_no: r.address for r in [at_identity.resident, walk_in]}}

    s = ClientSender()
    person = _person(clerk, facts=facts)
    flows.login(s, person)
    flows.browse(s, person)
    flows.search(s, person)
    assert flows.clerk_work(s, person) == 2  # 本人確認, then 入力 straight on (own inbox)
    assert flows.clerk_work(s, person) == 1  # inbox empty: 照合 of the other clerk's case from the queue
    assert flows.intake(s, person, _walk_in_facts(walk_in)) == 2
    for page in ("本人確認: post", "入力: post", "照合: post", "task: claim", "intake: post", "case page"):
        assert page in s.sent, page

    boss = ClientSender()
    chief = _person(supervisor, totp_secret=SECRET)
    flows.login(boss, chief, flows.totp_now)
    assert "login: TOTP" in boss.sent
    assert flows.supervise(boss, chief) == 1
    assert "決裁: post" in boss.sent
    # Two cases waited for 決裁 by then (the clerk's 照合 added one): the 係長 approved one of them.
    assert Case.objects.filter(stage=Stage.APPROVAL).count() == 1
    assert Case.objects.filter(stage=Stage.READY_TO_SEND).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_floors_rounds_request_every_page_of_the_report(reference_data, office):
    """The floor beside each load figure: one round of a clerk and one of a 係長 cover every page."""
    clerk, other, supervisor = _staff(office, "tour", TOUR_SECRET)
    at_identity = start_case(clerk=clerk, resident=_applicant())
    # A second one stays in the inbox, as the floor's backlog leaves: the lists then link a case page.
    waiting = start_case(clerk=clerk, resident=_applicant())
    _entered(other)  # for the clerk's 照合 from the queue
    cross_check(_entered(other), clerk)  # for the 係長's 決裁
    walk_in = _applicant()
    residents = [at_identity.resident, waiting.resident, walk_in]
    facts = {"addresses": {r.atena_no: r.address for r in residents}}

    s = ClientSender()
    person = _person(clerk, facts=facts)
    flows.login(s, person)
    assert (
        flows.clerk_tour(s, person, _walk_in_facts(walk_in)) == 5
    )  # 本人確認 + 入力, 照合, the walk-in's 本人確認 + 入力
    boss = ClientSender()
    chief = _person(supervisor, totp_secret=TOUR_SECRET)
    flows.login(boss, chief, flows.totp_now)
    assert flows.supervisor_tour(boss, chief) == 1
    assert set(s.sent) | set(boss.sent) == set(flows.PAGES)
