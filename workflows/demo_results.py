"""機構's answer in the demo: the list taken in as the desk takes it (two 係長), the answered cases' flows
completed in-process, and the exemption demo's sent bundle with its results (workflows/demo.py).
workflows/demo_disability.py takes its results the same way."""

import datetime as dt

from django.utils import timezone

from cases.common.codes import ExemptionKind
from cases.demo.context import SeedContext
from cases.kernel.models import Case
from cases.kernel.stages import WAIT_RESULT
from cases.security.models.users import User
from workflows.resume import flows_resume_each, flows_waiting


def demo_results_receive(filename: str, data: bytes, *, uploader: User) -> int:
    """機構's list as the desk takes it: one 本庁 係長 uploads it, the second applies it (four eyes,
    cases/submission/results_confirm.py); the screens' 取込履歴 then name the 係長, never a clerk.

    Applying it sets the cases' stages and queues the completion of their flows' 結果待ち for a worker
    (cases/submission/results_flows.py). With a broker set and no worker running those jobs would wait, and
    so would the demo's 結果受領 cases (a 返戻 never back at its 入力): the demo completes them here, in-process,
    as the job does. The job is safe to run twice, so a worker that takes it later finds nothing left (and
    when the job ran in-process already, as the embedded default runs it, this finds nothing to do).
    Returns how many of the answered cases' flows are past 結果待ち."""
    from cases.submission.models import ResultLine
    from cases.submission.results_confirm import result_upload_apply, result_upload_stage

    second = User.objects.get(username=f"supervisor2-{uploader.office.code}")
    upload = result_upload_stage(filename=filename, data=data, by=uploader)
    imported = result_upload_apply(upload=upload, by=second)
    answered = set(
        ResultLine.objects.filter(result_import=imported, case__isnull=False).values_list(
            "case_id", flat=True
        )
    )
    flows_resume_each(sorted(answered), WAIT_RESULT)
    return len(answered - set(flows_waiting(WAIT_RESULT, older_than=dt.timedelta(0))))


def result_flows_count(ctx: SeedContext, what_ja: str, what_en: str, done: int) -> None:
    """The summary's line for the flows of the cases 機構 answered (demo_results_receive): completed by the
    demo itself when no worker took the job, so where the cases are does not depend on a worker running."""
    ctx.count(
        f"{what_ja}: 結果待ちのフローを完了 (ワーカーがなくてもその場で実行)",
        f"{what_en} result flows completed (run here if no worker takes them)",
        done,
    )


def demo_bundle_sent(cases: list[Case], supervisor: User, *, weeks_ago: int) -> dt.date:
    """The bundle of `weeks_ago` weeks back holding `cases`, cut off at its cut-off day's 15:00 (Friday, or the
    open day before a closed one) as the beat does (any other would be a 週次送付 no run made), sealed and
    handed over on the real date — the bundle is sealed now, whatever --as-of says (that date sets ages and tax
    years; a hand-over before the seal or in the future is refused). Returns that date."""
    from cases.submission.bundle_common import weekly_cutoff
    from cases.submission.bundles import bundle_build, bundle_hand_over
    from workflows.submission import bundle_seal

    cutoff = weekly_cutoff(timezone.now() - dt.timedelta(days=7 * weeks_ago))
    Case.objects.filter(pk__in=[case.pk for case in cases]).update(stage_since=cutoff - dt.timedelta(hours=1))
    bundle = bundle_seal(bundle=bundle_build(cutoff_at=cutoff, by=supervisor), by=supervisor)
    today = timezone.localdate()
    bundle_hand_over(
        bundle=bundle, by=supervisor, sent_on=today, medium="cd_r", received_by="旭川年金事務所 国民年金課"
    )
    return today


def bundle_send_and_results_receive(
    cases: list[Case], supervisor: User, clerk: User, ctx: SeedContext
) -> None:
    """Last week's bundle: sealed and handed over, and 機構's list already back for most of it."""
    # These were "approved last week".
    today = demo_bundle_sent(cases, supervisor, weeks_ago=1)
    outcomes = [
        ("承認", None, ""),
        ("承認", None, ""),
        ("承認", "半額免除", ""),
        ("却下", "", "所得基準超過"),
        ("返戻", "", "申請書の署名漏れ"),
    ]  # the sixth case gets no line: it shows up as 結果のない送付案件
    lines = ["整理番号,基礎年金番号,判定結果,判定日,免除種類,期間開始,期間終了,理由"]
    for case, (decision, kind, reason) in zip(cases, outcomes, strict=False):
        app = case.exemption
        approved = decision == "承認"
        granted = (kind or ExemptionKind(app.kinds[0]).label) if approved else ""
        start = app.period_start.strftime("%Y-%m") if approved else ""
        end = app.period_end.strftime("%Y-%m") if approved else ""
        lines.append(f"{case.number},,{decision},{today.isoformat()},{granted},{start},{end},{reason}")
    done = demo_results_receive("demo-results.csv", ("\n".join(lines) + "\n").encode(), uploader=supervisor)
    ctx.count("送付 (週次)", "weekly bundles", 1)
    result_flows_count(ctx, "免除申請", "exemption", done)
