"""Cases already sent to 機構, and result files to import for them."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_transition
from cases.kernel.stages import WAIT_DISPATCH
from cases.registry.models.pension import Exemption
from cases.submission.models import BundleItem, SubmissionBundle
from tests.conftest import make_user
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows.resume import flows_resume

HEADER = "整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由"


def case_sent(*, clerk, clerk2, supervisor, bundle, capture, kinds=("full", "half")) -> Case:
    """A case driven through the real steps to 送付待ち, then sent in `bundle` (what sealing and
    hand-over do, written here until the bundle screens are used)."""
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant, kinds=kinds)
    h.verify(case, clerk)
    with capture(execute=True):
        h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2)
    h.approve(case, supervisor)
    return sent_in(case, bundle, supervisor)


def sent_in(case: Case, bundle: SubmissionBundle, supervisor) -> Case:
    """A case at 送付待ち put in `bundle` and sent with it (what sealing and hand-over do)."""
    BundleItem.objects.create(bundle=bundle, case=case)
    case_transition(case=case, to_stage=Stage.SENT, actor=supervisor, action=CaseEvent.Action.SENT)
    sent = bundle.sent_on  # 機構 decides after this day (results_match refuses a 判定日 before it)
    Case.objects.filter(pk=case.pk).update(sent_on=sent)
    Exemption.objects.filter(reference_no=case.number).update(sent_on=sent)
    assert flows_resume([case.pk], WAIT_DISPATCH)
    case.refresh_from_db()
    return case


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded and sealed files go to the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def supervisor2(office):
    """The second 係長 of the office: results are uploaded by one and applied by another."""
    return make_user("super2", "supervisor", office)


@pytest.fixture
def bundle(supervisor) -> SubmissionBundle:
    return SubmissionBundle.objects.create(
        number="2026-W01",
        state=SubmissionBundle.State.SENT,
        cutoff_at=timezone.now() - dt.timedelta(days=11),
        sent_on=timezone.localdate() - dt.timedelta(days=10),  # results come a few days after
    )


@pytest.fixture
def send(clerk, clerk2, supervisor, bundle, django_capture_on_commit_callbacks):
    """send() → a new case in the fixture bundle, 送付済."""

    def make(**kwargs) -> Case:
        kwargs.setdefault("bundle", bundle)
        return case_sent(
            clerk=clerk,
            clerk2=clerk2,
            supervisor=supervisor,
            capture=django_capture_on_commit_callbacks,
            **kwargs,
        )

    return make


def period_of(case: Case) -> tuple[str, str]:
    exemption = Exemption.objects.get(reference_no=case.number)
    return f"{exemption.start_on:%Y-%m}", f"{exemption.end_on:%Y-%m}"


def line(
    case: Case | None = None,
    *,
    number=None,
    pension_no="",
    decision="承認",
    decided_on=None,
    kind="全額免除",
    start=None,
    end=None,
    reason="",
) -> str:
    if case is not None:
        start_default, end_default = period_of(case)
        start = start_default if start is None else start
        end = end_default if end is None else end
        number = case.number if number is None else number
    if decision != "承認":
        kind = "" if kind == "全額免除" else kind
    decided_on = decided_on or (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    return ",".join([number or "", pension_no, decision, decided_on, kind, start or "", end or "", reason])


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode(encoding)


def shown_mark(page: str) -> str:
    """The confirm page's hidden mark of the preview it showed (what 反映する carries back)."""
    found = re.search(r'name="shown" value="([^"]*)"', page)
    assert found, "no mark of the preview on the page"
    return found.group(1)


def apply_post(client, url: str, **kwargs):
    """反映する as a 係長 does it: the page read first, its mark carried back."""
    mark = shown_mark(client.get(url).content.decode())
    return client.post(url, {"action": "apply", "shown": mark}, **kwargs)
