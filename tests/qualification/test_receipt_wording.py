"""The 受付票's next steps say what follows for the type (QA walk, eighth session): a 資格届出 (a 種別変更届, a
喪失届) is recorded by 日本年金機構 — there is no 審査 whose result is mailed, as for an exemption or a claim."""

from django.template.loader import render_to_string
from django.utils import timezone

from cases.common.codes import InsuredKind
from documents.snapshots import receipt_snapshot
from tests.qualification.helpers import intake, person
from tests.workflows import helpers as h


def test_a_filings_receipt_says_it_is_recorded_not_examined(clerk):
    resident = person(kind=InsuredKind.SECOND)
    case = intake(
        clerk, resident, kind="kind_change", event="leave_employee_pension", event_date=timezone.localdate()
    )
    snapshot = receipt_snapshot(case=case)
    steps = snapshot.context["next_steps"]
    assert not any("審査の結果" in step for step in steps)
    assert any("日本年金機構で記録されます" in step for step in steps)
    # Its closing line speaks of a 届出 too, and of no 結果の通知 (there is none for a filing).
    text = render_to_string(snapshot.template, snapshot.context)
    assert "申請・請求・届出を受け付けた" in text and "結果の通知が届くまで" not in text


def test_an_exemptions_receipt_keeps_the_examination_sentence(clerk):
    from tests.factories import applicant_with_household

    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    assert (
        "審査の結果は、日本年金機構から郵送で通知されます。"
        in receipt_snapshot(case=case).context["next_steps"]
    )
