"""What the load test's clerks and 係長 do, page by page, independent of who sends the requests.

`locustfile.py` runs these against gunicorn; tests/load/test_desk_flows.py runs the same functions
against Django's test client, so a renamed URL or a changed form breaks a quick test instead of a
five-minute run. Every request has a page name (PAGES: name → Django URL name); the flows check the
status and what the page must show, and raise FlowFailed otherwise (the sender has already counted
the request as failed).
"""

import random
import re
import time
from dataclasses import dataclass, field
from typing import Protocol

from html_forms import csrf_token, form_with

# Page name in the report → the URL name it requests (tests check these against config/urls.py).
PAGES = {
    "login": "login",
    "login: TOTP": "login_totp",
    "desk home": "desk_home",
    "inbox": "inbox",
    "queue": "queue",
    "case search": "case_search",
    "case search: post": "case_search",
    "case page": "case_detail",
    "task: claim": "task_claim",
    "task page": "task_work",
    "本人確認: post": "task_work",
    "入力: post": "task_work",
    "照合: post": "task_work",
    "決裁: post": "task_work",
    "intake search": "intake_search",
    "intake search: post": "intake_search",
    "intake form": "intake_exemption",
    "intake: post": "intake_exemption",
    "dashboard": "dashboard",
}
TASK_LINK = re.compile(r'href="(/desk/tasks/(\d+)/)"')
CLAIM_ACTION = re.compile(r'formaction="(/desk/tasks/(\d+)/claim/)"')
CASE_LINK = re.compile(r'href="(/cases/(\d+)/)"')
INTAKE_LINK = re.compile(r'href="(/intake/exemption/(\d+)/)"')
# How a page shows a refusal (Django's messages at error level): a step redirected with one failed.
REFUSED = '<li class="error"'
TITLE = re.compile(r"<title>([^<]*)</title>")
ATENA = re.compile(r"<dt>宛名番号</dt><dd>([^<\s]+)")


class FlowFailed(Exception):
    """A page answered otherwise than a person would expect; the request is already counted failed."""


@dataclass
class Page:
    status: int
    text: str
    location: str = ""  # of a redirect


class Sender(Protocol):
    def send(self, method: str, path: str, *, name: str, data: dict | None = None, expect: int = 200,
             must_show: str = "", refused: str = "") -> Page: ...  # fmt: skip


@dataclass
class Person:
    """One member of staff and what they know: their login, the run's shared facts (users file)."""

    username: str
    password: str
    totp_secret: str = ""
    facts: dict = field(default_factory=dict)
    rng: random.Random = field(default_factory=random.Random)


def _title(page: Page) -> str:
    match = TITLE.search(page.text)
    return match.group(1) if match else ""


def login(s: Sender, person: Person, totp_code=None) -> None:
    page = s.send("GET", "/login/", name="login")
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "username": person.username,
            "password": person.password, "next": ""}  # fmt: skip
    answer = s.send("POST", "/login/", name="login", data=data, expect=302)
    if not person.totp_secret:
        return
    if answer.location != "/login/totp/":
        raise FlowFailed(f"a 係長's password led to {answer.location}, not to the TOTP step")
    page = s.send("GET", "/login/totp/", name="login: TOTP")
    code = totp_code(person.totp_secret)
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "code": code}
    s.send("POST", "/login/totp/", name="login: TOTP", data=data, expect=302)


def browse(s: Sender, person: Person) -> None:
    """The lists a clerk looks at between cases."""
    s.send("GET", "/desk/", name="desk home")
    page = s.send("GET", "/desk/inbox/", name="inbox")
    s.send("GET", "/desk/queue/", name="queue")
    cases = CASE_LINK.findall(page.text)
    if cases:
        s.send("GET", person.rng.choice(cases)[0], name="case page", must_show="経過")


def search(s: Sender, person: Person) -> None:
    """Case search by kana name (posted: names never go into URLs), then one of the cases found."""
    page = s.send("GET", "/cases/", name="case search")
    form = form_with(page.text, "kana")["fields"]
    form["kana"] = [person.rng.choice(["サトウ", "スズキ", "タナカ", "ヤマダ", "イトウ", "ワタナベ"])]
    found = s.send("POST", "/cases/", name="case search: post", data=form, expect=302)
    page = s.send("GET", found.location, name="case search")
    cases = CASE_LINK.findall(page.text)
    if cases:
        s.send("GET", person.rng.choice(cases[:10])[0], name="case page", must_show="経過")


# The steps decided by one choice, and the choice the load test's people make.
DECISIONS = {"照合": "match", "決裁": "approve"}


def _step_post(s: Sender, person: Person, path: str, page: Page) -> Page:
    """Fills in the step on screen as the person would and posts it; returns the answer (a redirect)."""
    title = _title(page)
    if title.startswith("本人確認"):
        form = form_with(page.text, "documents")["fields"]
        form["documents"] = ["mynumber_card"]
        return s.send("POST", path, name="本人確認: post", data=form, expect=302)
    if title.startswith("入力"):
        form = form_with(page.text, "declared_kana_name")["fields"]
        header = page.text
        name = re.search(r"<dt>申請者</dt><dd>([^<(]+) \(([^)<]+)\)</dd>", header)
        born = re.search(r"<dt>生年月日</dt><dd>([^<]+)</dd>", header)
        atena = ATENA.search(header)
        address = person.facts.get("addresses", {}).get(atena.group(1) if atena else "", "")
        form["declared_kanji_name"] = [name.group(1).strip() if name else ""]
        form["declared_kana_name"] = [name.group(2).strip() if name else ""]
        form["declared_birth_date"] = [born.group(1).strip() if born else ""]
        form["declared_address"] = [address]
        form["household_confirmed"] = ["on"]
        return s.send("POST", path, name="入力: post", data=form, expect=302)
    for step, decision in DECISIONS.items():
        if title.startswith(step):
            form = form_with(page.text, "decision")["fields"]
            form["decision"] = [decision]
            return s.send("POST", path, name=f"{step}: post", data=form, expect=302)
    raise FlowFailed(f"no step screen the load test knows: {title!r}")


def work_task(s: Sender, person: Person, path: str, *, steps: int = 2) -> int:
    """Opens a task and does it; goes straight on when the next step is this person's (本人確認 → 入力).
    Returns how many steps were recorded."""
    done = 0
    while done < steps:
        page = s.send("GET", path, name="task page")
        answer = _step_post(s, person, path, page)
        done += 1
        following = TASK_LINK.match(f'href="{answer.location}"')
        if following is None:
            s.send("GET", answer.location, name="inbox", refused=REFUSED)
            break
        path = following.group(1)
    return done


def claim_and_work(s: Sender, person: Person, *, stage: str) -> int:
    """The office queue narrowed to a stage; 担当する on one of the first rows, then the step.
    Another person may take the same row a moment earlier: the claim then returns to the queue."""
    page = s.send("GET", f"/desk/queue/?stage={stage}", name="queue")
    rows = CLAIM_ACTION.findall(page.text)
    if not rows:
        return 0
    claim_path, task_id = person.rng.choice(rows[:20])
    data = {"csrfmiddlewaretoken": csrf_token(page.text), "back": f"/desk/queue/?stage={stage}"}
    answer = s.send("POST", claim_path, name="task: claim", data=data, expect=302)
    if not answer.location.startswith(f"/desk/tasks/{task_id}/"):
        s.send("GET", answer.location, name="queue")
        return 0
    return work_task(s, person, answer.location, steps=1)


def clerk_work(s: Sender, person: Person) -> int:
    """A task of one's own inbox (本人確認, 入力), else a 照合 from the office queue."""
    page = s.send("GET", "/desk/inbox/", name="inbox")
    tasks = TASK_LINK.findall(page.text)
    if tasks:
        return work_task(s, person, person.rng.choice(tasks[:10])[0])
    return claim_and_work(s, person, stage="cross_check")


def intake(s: Sender, person: Person, applicant: dict) -> int:
    """受付 at the counter: find the applicant by kana and birth date, take the application, then 本人確認
    and 入力 straight on."""
    page = s.send("GET", "/intake/", name="intake search")
    form = form_with(page.text, "kana")["fields"]
    form["kana"], form["birth_date"] = [applicant["kana"]], [applicant["birth_date"]]
    page = s.send("POST", "/intake/", name="intake search: post", data=form, must_show=applicant["kanji"])
    path = f"/intake/exemption/{applicant['id']}/"
    if path not in page.text:
        raise FlowFailed(f"intake search did not offer {path}")
    page = s.send("GET", path, name="intake form")
    form = form_with(page.text, "kind_1")["fields"]
    form["kind_1"], form["kind_2"] = ["full"], ["half"]
    form["period_start"], form["period_end"] = [applicant["period"][0]], [applicant["period"][1]]
    answer = s.send("POST", path, name="intake: post", data=form, expect=302)
    if not TASK_LINK.match(f'href="{answer.location}"'):
        raise FlowFailed(f"intake went to {answer.location}, not to 本人確認")
    return work_task(s, person, answer.location)


def supervise(s: Sender, person: Person, *, dashboard: bool | None = None) -> int:
    """A 係長: the dashboard now and then (``dashboard`` says whether, else 3 times in 10), the approvals
    waiting, one 決裁."""
    s.send("GET", "/desk/", name="desk home")
    if dashboard if dashboard is not None else person.rng.random() < 0.3:
        s.send("GET", "/desk/dashboard/", name="dashboard")
    return claim_and_work(s, person, stage="approval")


# The floor's rounds: every page of the report once per round, so each figure has its floor beside it.
def clerk_tour(s: Sender, person: Person, applicant: dict | None) -> int:
    """A clerk's every page: own inbox, a 照合 from the queue, the lists, a search, an intake."""
    done = clerk_work(s, person)
    done += claim_and_work(s, person, stage="cross_check")
    browse(s, person)
    search(s, person)
    if applicant is not None:
        done += intake(s, person, applicant)
    return done


def supervisor_tour(s: Sender, person: Person) -> int:
    """A 係長's every page: the desk, the dashboard, a 決裁, the lists."""
    done = supervise(s, person, dashboard=True)
    browse(s, person)
    return done


def totp_now(secret: str) -> str:
    """The current code; waits out the last second of a step so the server reads the same step."""
    import pyotp

    if time.time() % 30 > 29:
        time.sleep(1.2)
    return pyotp.TOTP(secret).now()
