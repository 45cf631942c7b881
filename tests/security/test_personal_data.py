"""No personal data in logs, URLs or Celery arguments.

A whole exemption case goes through the screens — a 個人番号 search, intake, ID verification, input,
the income job, cross-check, approval, the documents rendered and printed (the 届書 with its 個人番号),
a 個人番号 reveal, a results import — with every logger captured at DEBUG. Then: no 12-digit number and
none of the residents' names (demo-table names, kanji and kana) in any log line, in any URL the app
sent or linked to, or in any argument handed to a Celery task.
"""

import inspect
import logging
import re
from urllib.parse import unquote

import pytest
from celery.app.task import Task as CeleryTask
from django.test import Client
from django.utils import timezone

from cases.kernel.models import Case
from cases.registry.models.residents import Resident
from cases.registry.mynumber import mynumber_register
from cases.security.logging import RedactPersonalNumbers, redact_every_handler
from cases.security.models.audit import AuditAction, AuditEntry
from documents.models import Document
from tasks.celery import app
from tests.factories import applicant_with_household
from tests.results.conftest import csv_bytes, line
from tests.workflows.helpers import current_period, open_task

pytestmark = pytest.mark.django_db

# Names from the demo data's tables (cases/demo/names.py), as the 住民記録 writes them.
APPLICANT = ("髙橋\u3000拓也", "タカハシ\u3000タクヤ")
SPOUSE = ("髙橋\u3000美咲", "タカハシ\u3000ミサキ")
MYNUMBER, SPOUSE_MYNUMBER = "123456789018", "000000000060"
TWELVE_DIGITS = re.compile(r"(?<!\d)(?:\d[ \-]?){11}\d(?!\d)")
# Celery's task ids are random UUIDs; their hyphenated groups can line up twelve digits by chance
# ("…cb4-2434-4163-911f…"), so they are blanked before the scan.
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
URL_IN_PAGE = re.compile(r'(?:href|action|src)="([^"]*)"')


def name_fragments() -> list[str]:
    fragments = set()
    for kanji, kana in (APPLICANT, SPOUSE):
        family, given = kanji.split("\u3000")
        family_kana, given_kana = kana.split("\u3000")
        fragments |= {kanji, kanji.replace("\u3000", ""), kanji.replace("\u3000", " "), given}
        fragments |= {kana, kana.replace("\u3000", ""), given_kana, family_kana}
        fragments |= {family, "高橋"}
    fragments |= {"ﾀｶﾊｼ", "ﾀｸﾔ", "ﾐｻｷ"}
    return sorted(fragments)


def leaks(text: str, extra: tuple[str, ...] = ()) -> list[str]:
    text = UUID.sub("<uuid>", text)
    found = [match.group(0) for match in TWELVE_DIGITS.finditer(text)]
    found += [fragment for fragment in (*name_fragments(), *extra) if fragment in text]
    return found


@pytest.fixture
def household(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    applicant, spouse = applicant_with_household(income=500000, spouse_income=300000)
    for person, (kanji, kana) in ((applicant, APPLICANT), (spouse, SPOUSE)):
        Resident.objects.filter(pk=person.pk).update(kanji_name=kanji, kana_name=kana)
        person.refresh_from_db()
    mynumber_register(resident=applicant, number=MYNUMBER)
    mynumber_register(resident=spouse, number=SPOUSE_MYNUMBER)
    return applicant, spouse


@pytest.fixture
def celery_calls(monkeypatch):
    """Every apply_async (delay goes through it), with the task name and its arguments."""
    calls = []
    real = CeleryTask.apply_async

    def recording(self, args=None, kwargs=None, *rest, **options):
        calls.append((self.name, tuple(args or ()), dict(kwargs or {})))
        return real(self, args, kwargs, *rest, **options)

    monkeypatch.setattr(CeleryTask, "apply_async", recording)
    return calls


class Browser:
    """A test client that remembers every URL it was sent to or shown."""

    def __init__(self, user) -> None:
        self.client = Client()
        self.client.force_login(user)
        self.urls: list[str] = []

    def _seen(self, path: str, response) -> None:
        self.urls.append(path)
        if response.has_header("Location"):
            self.urls.append(response["Location"])
        if response.get("Content-Type", "").startswith("text/html"):
            self.urls.extend(URL_IN_PAGE.findall(response.content.decode()))

    def get(self, path: str, data=None):
        response = self.client.get(path, data)
        self._seen(path, response)
        return response

    def post(self, path: str, data=None):
        response = self.client.post(path, data or {})
        self._seen(path, response)
        return response


def month(value) -> str:
    return value.strftime("%Y-%m")


def test_a_whole_case_leaves_no_personal_data_in_logs_urls_or_task_arguments(
    household, clerk, clerk2, supervisor, caplog, celery_calls, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    applicant, spouse = household
    start, end = current_period()
    desk, second, boss = Browser(clerk), Browser(clerk2), Browser(supervisor)

    # 個人番号 search: POST only, with a purpose.
    found = desk.post("/intake/", {"number": MYNUMBER, "purpose": "identity"})
    assert f"/intake/exemption/{applicant.pk}/" in found.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(
            f"/intake/exemption/{applicant.pk}/",
            {
                "received_on": timezone.localdate().isoformat(),
                "kind_1": "full",
                "kind_2": "half",
                "period_start": month(start),
                "period_end": month(end),
            },
        )
    case = Case.objects.get(resident=applicant)
    desk.get(f"/cases/{case.pk}/")
    desk.post(f"/desk/tasks/{open_task(case, 'verify_identity').pk}/", {"documents": ["mynumber_card"]})
    enter = open_task(case, "enter_data")
    desk.get(f"/desk/tasks/{enter.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(
            f"/desk/tasks/{enter.pk}/",
            {
                "kind_1": "full",
                "kind_2": "half",
                "period_start": month(start),
                "period_end": month(end),
                "declared_kana_name": APPLICANT[1],
                "declared_kanji_name": APPLICANT[0],
                "declared_birth_date": "平成7年6月15日",
                "declared_address": applicant.address,
                "spouse": str(spouse.pk),
                "householder": "",
                "household_confirmed": "on",
            },
        )
    cross = open_task(case, "cross_check")
    second.post(f"/desk/tasks/{cross.pk}/claim/")
    second.get(f"/desk/tasks/{cross.pk}/")
    second.post(f"/desk/tasks/{cross.pk}/", {"decision": "match", "reason": ""})
    # No 基礎年金番号 on file any more: the 届書 must carry the 個人番号 (decrypted at render time).
    applicant.pension.basic_pension_no = None
    applicant.pension.save(update_fields=["basic_pension_no"])
    approve = open_task(case, "approve")
    boss.post(f"/desk/tasks/{approve.pk}/claim/")
    with django_capture_on_commit_callbacks(execute=True):
        boss.post(f"/desk/tasks/{approve.pk}/", {"decision": "approve", "reason": "問題なし"})
    case.refresh_from_db()
    assert case.stage == "ready_to_send"

    documents = list(Document.objects.filter(case=case, status=Document.Status.DONE))
    assert {d.kind for d in documents} >= {"receipt", "filing"}
    assert any(d.includes_mynumber for d in documents)
    for document in documents:
        assert desk.get(f"/documents/{document.pk}/").status_code == 200
    desk.get(f"/cases/{case.pk}/documents/filing/preview/")

    # 個人番号の表示 with a purpose: shown on the page, and only there.
    reveal = desk.post(f"/residents/{applicant.pk}/mynumber/", {"case": case.pk, "purpose": "filing"})
    assert reveal.status_code == 200 and "1234 5678 9018" in reveal.content.decode()

    # 処理結果一覧表 from 機構.
    upload = csv_bytes(line(case), encoding="cp932")
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        desk.post("/results/", {"file": SimpleUploadedFile("kekka.csv", upload, content_type="text/csv")})
    desk.get("/results/discrepancies/", {"status": "all"})

    records = caplog.records
    # The flow really was logged: every background job's run is (with its result) at INFO.
    assert len([r for r in records if r.name == "celery.app.trace"]) >= 4
    problems = []
    for record in records:
        text = record.getMessage() + (record.exc_text or "")
        if found := leaks(text):
            problems.append(f"{record.name} {record.levelname}: {found} in {text[:200]!r}")
    assert problems == [], "personal data in the logs:\n" + "\n".join(problems)

    basic_pension_nos = (spouse.pension.basic_pension_no,) if hasattr(spouse, "pension") else ()
    bad_urls = sorted(
        {url for b in (desk, second, boss) for url in b.urls if leaks(unquote(url), basic_pension_nos)}
    )
    assert bad_urls == []
    assert len({url for b in (desk, second, boss) for url in b.urls}) > 30

    assert {name for name, _args, _kwargs in celery_calls} >= {
        "cases.income_attach",
        "documents.render",
        "documents.case_documents",
    }
    for name, args, kwargs in celery_calls:
        for value in (*args, *kwargs.values()):
            values = value if isinstance(value, list) else [value]
            assert all(isinstance(v, int) and not isinstance(v, bool) for v in values), (name, value)


def test_a_mynumber_in_the_address_bar_does_not_search(client, clerk, household):
    applicant, _spouse = household
    client.force_login(clerk)
    page = client.get("/intake/", {"number": MYNUMBER, "purpose": "受付"}).content.decode()
    assert applicant.kanji_name not in page and f"/intake/exemption/{applicant.pk}/" not in page
    assert not AuditEntry.objects.filter(action=AuditAction.MYNUMBER_SEARCH).exists()
    # the form posts, so the number travels in the body
    assert re.search(r'<form method="post"[^>]*>\s*(?:<[^>]*>\s*)*[^<]*', page)
    assert 'name="number"' in page and 'type="password"' in page


def test_name_searches_keep_names_out_of_urls(client, clerk, household):
    applicant, _spouse = household
    client.force_login(clerk)
    kana = "アサヒ"  # the search column still holds the factory's name (the fixture renames by update())
    # A name in the address bar (a bookmark, a pasted link) does not search: it would sit in the
    # web server's access log.
    assert f"/intake/exemption/{applicant.pk}/" not in client.get("/intake/", {"kana": kana}).content.decode()
    found = client.post("/intake/", {"search": "name", "kana": kana}).content.decode()
    assert f"/intake/exemption/{applicant.pk}/" in found

    response = client.post("/cases/", {"kana": kana})
    assert response.status_code == 302
    location = unquote(response["Location"])
    assert kana not in location and "kana" not in location and location.startswith("/cases/?q=")
    # The token brings the same search back (paging, the back button) without the name in the URL.
    again = client.get(response["Location"])
    assert again.context["form"].cleaned_data["kana"] == kana
    for url in URL_IN_PAGE.findall(again.content.decode()):
        assert kana not in unquote(url), url
    # Another user's session cannot replay the token.
    other = Client()
    other.force_login(clerk)
    assert other.get(response["Location"]).context["form"].is_bound is False


# Parameters a task may take besides ids: name → what it is.
SHORT_CODES = {"cutoff": "締切日時 (ISO 8601)", "token": "the heartbeat's random token"}


def test_every_task_of_ours_takes_ids_only():
    app.loader.import_default_modules()
    ours = {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}
    assert len(ours) >= 10
    problems = []
    for name, task in sorted(ours.items()):
        for parameter in inspect.signature(task.run).parameters.values():
            annotation = parameter.annotation
            if annotation in (int, list[int]) and (
                parameter.name.endswith("_id") or parameter.name.endswith("_ids")
            ):
                continue
            if parameter.name in SHORT_CODES and annotation in (str, str | None):
                continue
            problems.append(f"{name}({parameter.name}: {annotation})")
    assert problems == [], (
        "Celery tasks take ids (…_id: int, …_ids: list[int]) and nothing else: a name or number in the "
        "arguments would sit in Redis and in the worker's log. " + ", ".join(problems)
    )


def test_the_redaction_filter_is_on_every_handler_including_the_workers():
    """The worker's logging, set up the way `celery worker` does it, in a separate process."""
    import subprocess
    import sys

    from django.conf import settings

    script = """
import logging, django, io
django.setup()
from tasks.celery import app
from cases.security.logging import RedactPersonalNumbers
app.log.setup_logging_subsystem(loglevel="INFO")
app.log.setup_task_loggers(loglevel="INFO")
from celery.utils.log import get_task_logger
handlers = list(logging.getLogger().handlers)
for logger in logging.Logger.manager.loggerDict.values():
    if isinstance(logger, logging.Logger):
        handlers.extend(logger.handlers)
missing = [repr(h) for h in handlers if not any(isinstance(f, RedactPersonalNumbers) for f in h.filters)]
assert handlers and not missing, missing
stream = io.StringIO()
for h in handlers:
    if hasattr(h, "stream"):
        h.stream = stream
get_task_logger("tasks.demo").warning("番号 %s", "1234 5678 9018")
try:
    raise ValueError("1234-5678-9018")
except ValueError:
    logging.getLogger("tasks.demo").exception("失敗")
out = stream.getvalue()
assert "9018" not in out and "[個人番号?]" in out and "ValueError" in out, out
print("ok", len(handlers))
"""
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("ok")


def test_a_handler_added_later_gets_the_filter_and_tracebacks_are_redacted():
    handler = logging.StreamHandler()
    logging.getLogger("nenkin.test.late").addHandler(handler)
    try:
        assert redact_every_handler() >= 1
        assert any(isinstance(f, RedactPersonalNumbers) for f in handler.filters)
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed for %s", ("123456789018",), None)
        try:
            raise ValueError("123456789018")
        except ValueError:
            import sys

            record.exc_info = sys.exc_info()
        RedactPersonalNumbers().filter(record)
        formatted = logging.Formatter().format(record)
        assert "123456789018" not in formatted and "ValueError" in formatted
    finally:
        logging.getLogger("nenkin.test.late").removeHandler(handler)


def test_the_access_log_keeps_no_query_string():
    """カナ氏名 and 生年月日 of a search form travel in the query string; gunicorn logs the path only."""
    import json
    from pathlib import Path

    import yaml
    from django.conf import settings

    root = Path(settings.BASE_DIR)
    web = yaml.safe_load((root / "compose.yaml").read_text(encoding="utf-8"))["services"]["web"]["command"]
    dockerfile = (root / "Dockerfile").read_text(encoding="utf-8")
    cmd = json.loads(dockerfile.split("\nCMD ", 1)[1].replace("\\\n", ""))
    for argv in (web, cmd):
        formats = [arg.split("=", 1)[1] for arg in argv if arg.startswith("--access-logformat=")]
        assert formats and "%(U)s" in formats[0], argv
        for atom in ("%(r)s", "%(q)s", "%(f)s", "%({"):
            assert atom not in formats[0], (atom, argv)


def test_the_scan_ignores_task_ids_but_not_a_number_beside_one():
    """A Celery task id whose groups line up twelve digits failed the whole-case test by chance."""
    task = "Task cases.income_attach[965d1cb4-2434-4163-911f-0b002a545071] succeeded"
    assert leaks(task) == []
    assert leaks(f"{task} for 1234-5678-9018") == ["1234-5678-9018"]


def test_the_log_filter_leaves_task_ids_whole_but_not_a_number_beside_one():
    """Worker logs: a task id whose first two groups are all digits (8 + 4) was redacted, so its
    'received' and 'succeeded' lines could no longer be matched (two ids in two hundred)."""
    from cases.security.logging import redact

    task = "Task cases.deadlines[12345678-4151-4dfa-86d6-c6d61455f6fc] received"
    assert redact(task) == task
    assert redact("Task x[01234567-8901-4234-9567-890123456789] succeeded") == (
        "Task x[01234567-8901-4234-9567-890123456789] succeeded"
    )
    assert redact(f"{task} for 1234-5678-9018") == f"{task} for [個人番号?]"
    assert redact("番号 12345678-4151 を確認") == "番号 [個人番号?] を確認"  # not an id: redacted as before
