"""Locust users for the load test (started by bench/load/run.py, which seeds the users they log in as).

Clerks and 係長 of the desk, each logged in once as their own account (係長 with their TOTP code),
then working their real pages with a person's pause between actions (5–15 s). Every request is
named after its page (desk_flows.PAGES); redirects are not followed, so a POST and the page it leads
to are timed apart. Reads NENKIN_LOAD_USERS (the users file seed.py wrote), NENKIN_LOAD_SUPERVISORS
(how many of the users are 係長) and NENKIN_LOAD_POOL ("start:end" of the residents this run's intakes
may take: each stage gets its own, since a resident with a case cannot apply twice).
"""

import contextlib
import json
import os
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from desk_flows import (
    FlowFailed,
    Page,
    Person,
    browse,
    clerk_tour,
    clerk_work,
    intake,
    login,
    search,
    supervise,
    supervisor_tour,
    totp_now,
)
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

FACTS = json.loads(Path(os.environ["NENKIN_LOAD_USERS"]).read_text(encoding="utf-8"))
_start, _end = (int(x) for x in os.environ.get("NENKIN_LOAD_POOL", "0:0").split(":"))
POOL = FACTS["pool"][_start:_end]
_CLERKS = iter(FACTS["clerks"])
_SUPERVISORS = iter(FACTS["supervisors"])
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class LocustSender:
    """desk_flows' Sender over locust's client: each request timed under its page name, failed when
    its status or content is not what the page must give."""

    def __init__(self, client) -> None:
        self.client = client

    def send(self, method, path, *, name, data=None, expect=200, must_show="", refused="") -> Page:
        body = urlencode(data, doseq=True) if data is not None else None
        headers = FORM if body is not None else None
        with self.client.request(method, path, name=name, data=body, headers=headers,
                                 allow_redirects=False, catch_response=True) as response:  # fmt: skip
            text = response.text or ""
            if response.status_code != expect:
                where = response.headers.get("Location", "") if response.headers else ""
                response.failure(f"{method} {name}: {response.status_code} (expected {expect}) {where}")
                raise FlowFailed(name)
            if must_show and must_show not in text:
                response.failure(f"{method} {name}: page without {must_show!r}")
                raise FlowFailed(name)
            if refused and refused in text:
                response.failure(f"{method} {name}: the page shows a refusal")
                raise FlowFailed(name)
            response.success()
            location = response.headers.get("Location", "") if response.headers else ""
            return Page(response.status_code, text, location)


class DeskUser(FastHttpUser):
    abstract = True
    wait_time = between(5, 15)
    accounts = _CLERKS

    def on_start(self) -> None:
        account = next(self.accounts)
        self.sender = LocustSender(self.client)
        self.person = Person(
            username=account["username"],
            password=FACTS["password"],
            totp_secret=account.get("totp_secret", ""),
            facts=FACTS,
            rng=random.Random(account["username"]),
        )
        login(self.sender, self.person, totp_now)

    def _do(self, flow, *args) -> None:
        # A FlowFailed is already counted as a failed request; the person starts over with something else.
        with contextlib.suppress(FlowFailed):
            flow(self.sender, self.person, *args)


class Clerk(DeskUser):
    @task(5)
    def work(self) -> None:
        self._do(clerk_work)

    @task(3)
    def lists(self) -> None:
        self._do(browse)

    @task(2)
    def find(self) -> None:
        self._do(search)

    @task(1)
    def counter(self) -> None:
        if POOL:
            self._do(intake, POOL.pop())
        else:
            self._do(browse)


class SupervisorSeat(DeskUser):
    """A 係長's account; as many of them as NENKIN_LOAD_SUPERVISORS says, whatever the number of users."""

    abstract = True
    accounts = _SUPERVISORS
    fixed_count = int(os.environ.get("NENKIN_LOAD_SUPERVISORS", "5"))


class Supervisor(SupervisorSeat):
    @task(4)
    def approve(self) -> None:
        self._do(supervise)

    @task(1)
    def lists(self) -> None:
        self._do(browse)


# The floor (run.py names these two on locust's command line for it): one clerk and one 係長 alone, each
# going through every page of theirs in turn with a short pause, so that every page has its floor.
class TourClerk(DeskUser):
    wait_time = between(1, 2)

    @task
    def tour(self) -> None:
        self._do(clerk_tour, POOL.pop() if POOL else None)


class TourSupervisor(SupervisorSeat):
    wait_time = between(1, 2)

    @task
    def tour(self) -> None:
        self._do(supervisor_tour)
