"""How 機構's 処理結果一覧表 applies to qualification filings (rows are cases.submission.results_file.ResultRow):
a 承認 writes the history row of 資格情報 or 付加年金情報 that the filing reports (別添1); 却下 and 返戻
write nothing (the kernel closes or reopens the case)."""

from django.db.models import Q

from cases.common.codes import AcquisitionReason, AdditionalKind, Decision, InsuredKind, LossReason
from cases.common.texts import Text
from cases.kernel.typespec import ResultHandler
from cases.qualification import texts
from cases.qualification.models import FilingKind, QualificationFiling
from cases.registry.models.pension import AdditionalPension, PensionRecord, Qualification


def _open_row(pension: PensionRecord, kinds, before) -> Qualification | None:
    return (
        Qualification.objects.filter(pension=pension, insured_kind__in=kinds, acquired_on__lt=before)
        .filter(Q(lost_on__isnull=True) | Q(lost_on__gt=before))
        .order_by("-acquired_on")
        .first()
    )


def _acquire(pension, filing: QualificationFiling) -> None:
    exists = Qualification.objects.filter(
        pension=pension, insured_kind=filing.insured_kind_after, acquired_on=filing.effective_on
    ).exists()
    if exists:
        return  # already in 資格情報 (e.g. from an extract): nothing to add
    Qualification.objects.create(
        pension=pension,
        insured_kind=filing.insured_kind_after,
        acquired_on=filing.effective_on,
        acquired_filed_on=filing.filed_on,
        acquired_reason=filing.acquired_reason or AcquisitionReason.OTHER,
        elderly_voluntary=filing.insured_kind_after == InsuredKind.SPECIAL_ELDERLY,
    )


def _lose(pension, filing: QualificationFiling, kinds, reason: str) -> Text | None:
    row = _open_row(pension, kinds, filing.effective_on)
    if row is None:
        return texts.RESULT_NO_PERIOD(date=filing.effective_on)
    row.lost_on, row.lost_filed_on, row.lost_reason = filing.effective_on, filing.filed_on, reason
    row.save(update_fields=["lost_on", "lost_filed_on", "lost_reason", "updated_at"])
    return None


def _additional(pension, filing: QualificationFiling) -> Text | None:
    if filing.kind == FilingKind.ADDITIONAL:
        AdditionalPension.objects.get_or_create(
            pension=pension,
            kind=AdditionalKind.ADDITIONAL,
            joined_on=filing.effective_on,
            defaults={"joined_filed_on": filing.filed_on},
        )
        return None
    row = (
        AdditionalPension.objects.filter(
            pension=pension,
            kind=AdditionalKind.ADDITIONAL,
            left_on__isnull=True,
            joined_on__lte=filing.effective_on,
        )
        .order_by("-joined_on")
        .first()
    )
    if row is None:
        return texts.RESULT_NO_ADDITIONAL()
    row.left_on, row.left_filed_on = filing.effective_on, filing.filed_on
    row.save(update_fields=["left_on", "left_filed_on", "updated_at"])
    return None


def history_write(filing: QualificationFiling) -> Text | None:
    """The history row a confirmed filing makes; None when written, else why it could not be (the
    system's sentence, cases/qualification/texts.py)."""
    pension = getattr(filing.case.resident, "pension", None)
    if pension is None:
        return texts.RESULT_NO_PENSION_RECORD()
    if filing.is_additional:
        return _additional(pension, filing)
    if filing.insured_kind_after and filing.insured_kind_before:  # 種別変更: the old 種別 ends that day
        # Records kept only for 第1号 may lack the 2号 row: no period to end is nothing to report.
        _lose(pension, filing, [filing.insured_kind_before], LossReason.KIND_CHANGE)
        _acquire(pension, filing)
        return None
    if filing.insured_kind_after:
        _acquire(pension, filing)
        return None
    kinds = [filing.insured_kind_before] if filing.insured_kind_before else list(InsuredKind.values)
    return _lose(pension, filing, kinds, filing.lost_reason or LossReason.OTHER)


def _filings(matched) -> dict[int, QualificationFiling]:
    ids = [case.pk for _row, case in matched]
    found = QualificationFiling.objects.filter(case_id__in=ids).select_related("case__resident__pension")
    return {filing.case_id: filing for filing in found}


def qualification_results_check(matched) -> dict[int, Text]:
    filings = _filings(matched)
    return {
        row.line_no: texts.RESULT_NO_FILING(case=case.number)
        for row, case in matched
        if case.pk not in filings or filings[case.pk].effective_on is None
    }


def qualification_results_apply(matched, now) -> list[tuple]:
    """承認: 資格情報 / 付加年金情報 gain their row. Anything that cannot be written goes to the 突合 queue
    (the case still closes: 機構 has decided)."""
    filings = _filings(matched)
    differing = []
    for row, case in matched:
        if row.decision != Decision.APPROVED:
            continue
        why = history_write(filings[case.pk])
        if why:
            differing.append((row, case, why))
    return differing


QUALIFICATION_RESULTS = ResultHandler(check=qualification_results_check, apply=qualification_results_apply)
