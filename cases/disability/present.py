"""Screen and document wording of what the rules return (codes), each with its article. Points in doubt
are worded as 「要確認」: the desk sees them, nothing decides them silently."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.disability import office, rules
from cases.disability.contribution import NO_INSURED_MONTHS, RECENT_YEAR, TWO_THIRDS
from cases.disability.doubts import (  # noqa: F401 (the wording's home)
    DOUBTS,
    NOTES,
    doubt_texts,
    note_texts,
    period_doubt_texts,
)

BASES = {
    rules.EIGHTEEN_MONTHS: _("初診日から起算して1年6月を経過した日 (国民年金法30条1項)"),
    rules.CURED: _("1年6月以内に症状が固定した日 (国民年金法30条1項かっこ書)"),
    rules.SPECIAL_EVENT: _("障害認定日の特例 (障害認定基準 第2)"),
    rules.AGE20: _("20歳に達した日 (国民年金法30条の4第1項)"),
}

KINDS = {
    rules.RECOGNITION: _("認定日請求 (国民年金法30条1項)"),
    rules.POST_ONSET: _("事後重症による請求 (国民年金法30条の2)"),
    rules.PRE20_RECOGNITION: _("20歳前傷病 認定日請求 (国民年金法30条の4第1項)"),
    rules.PRE20_POST_ONSET: _("20歳前傷病 事後重症による請求 (国民年金法30条の4第2項)"),
    rules.STANDARD: _("基準障害による請求 (国民年金法30条の3)"),
    rules.NOT_CLAIMABLE: _("まだ請求できない・請求できない"),
}
# Short names for lists and the data file's neighbours (受付票, 送付一覧表).
KIND_SHORT = {
    rules.RECOGNITION: _("認定日請求"),
    rules.POST_ONSET: _("事後重症"),
    rules.PRE20_RECOGNITION: _("20歳前 認定日請求"),
    rules.PRE20_POST_ONSET: _("20歳前 事後重症"),
    rules.STANDARD: _("基準障害"),
    rules.NOT_CLAIMABLE: _("請求不可"),
}

WHY_NOT = {
    "before_recognition": _("請求日が障害認定日より前です。障害認定日以後に請求してください。"),
    "before_age20": _("20歳前傷病の請求は20歳に達した日以後にできます (国民年金法30条の4)。"),
    "post_onset_too_early": _(
        "事後重症による請求は障害認定日 (20歳前傷病は20歳に達した日と障害認定日のいずれか遅い日) の翌日以後に"
        "できます (国民年金法30条の2第1項・30条の4第2項)。"
    ),
    "past_deadline": _(
        "事後重症による請求は65歳に達する日の前日までです (国民年金法30条の2第1項・30条の4第2項)。"
    ),
    "standard_pre20": _(
        "基準障害による請求は、基準傷病の初診日に被保険者 (または60歳以上65歳未満で国内居住) であった方に限られます"
        " (国民年金法30条の3第1項)。"
    ),
    "standard_order": _(
        "基準傷病 (今回の傷病) の初診日は、他の傷病の初診日以後でなければなりません (国民年金法30条の3第1項)。"
    ),
    "standard_before_recognition": _(
        "併合して2級以上に該当した日が、基準傷病の障害認定日より前です (国民年金法30条の3第1項)。"
    ),
    "standard_after_65": _(
        "併合して初めて2級以上に該当した日が65歳に達する日の前日より後のため、基準障害による請求はできません"
        " (国民年金法30条の3第1項)。"
    ),
    "standard_not_yet": _("請求日が、併合して2級以上に該当した日より前です (国民年金法30条の3第1項)。"),
    "early_old_age": _(
        "老齢基礎年金を繰上げ請求した方は、事後重症・基準障害による請求はできません"
        " (国民年金法附則9条の2の3: 30条の2・30条の3・30条の4第2項を適用しない)。"
    ),
}

WINDOWS = {
    (rules.ANCHOR_RECOGNITION, rules.AFTER_3M): _("障害認定日以後3か月以内の現症"),
    (rules.ANCHOR_RECOGNITION, rules.AROUND_3M): _("障害認定日 (20歳到達日) の前後3か月以内の現症"),
    (rules.ANCHOR_CLAIM, rules.BEFORE_3M): _("請求日前3か月以内の現症"),
}

ROUTES = {
    office.INSURED: _("被保険者期間中の初診 (国民年金法30条1項1号)"),
    office.PRE20: _("20歳前傷病 (国民年金法30条の4)"),
    office.AGE60_64: _("60歳以上65歳未満で国内居住 (国民年金法30条1項2号)"),
    office.NO_ROUTE: _("初診日要件に該当しない可能性"),
}

REASONS = {
    "category1": _("初診日に第1号被保険者: 市で受理します (国民年金法施行令1条の2第3号ハ)。"),
    "voluntary": _("初診日に任意加入被保険者: 市で受理します (国民年金法附則5条、施行令1条の2第3号ハ)。"),
    "pre20": _("初診日が20歳到達日より前: 市で受理します (国民年金法30条の4、施行令1条の2第3号ハ)。"),
    "age60_64": _(
        "初診日に60歳以上65歳未満・国内居住: 市で受理します (国民年金法30条1項2号、施行令1条の2第3号ハ)。"
    ),
    "category2": _(
        "初診日に第2号被保険者 (厚生年金・共済): 障害厚生年金と合わせて年金事務所 (共済は共済組合) で請求します。"
    ),
    "category3": _("初診日に第3号被保険者: 年金事務所で請求します (施行令1条の2第3号ハの対象外)。"),
    "before_1986": _(
        "初診日が昭和61年4月1日前: 第1号被保険者・60歳以上65歳未満の初診日による請求は市では受理しません"
        " (国民年金法施行令1条の2第3号ハ)。年金事務所へご案内ください。"
    ),
    "merged": _(
        "障害厚生年金・障害共済年金 (または旧法の障害年金) を受給しており併合となる見込み: 年金事務所で請求します"
        " (国民年金法31条1項、施行令1条の2第3号ハかっこ書)。"
    ),
    "early_old_age": _(
        "老齢基礎年金を繰上げ請求しているため60歳以上の初診日では請求できません (国民年金法附則9条の2の3)。"
        "年金事務所へご案内ください。"
    ),
    "not_insured": _(
        "初診日に被保険者でなく、20歳前・60〜64歳のいずれでもありません。年金事務所へご案内ください。"
    ),
}

CONTRIBUTION_RULES = {
    NO_INSURED_MONTHS: _("前々月までに被保険者期間がない (国民年金法30条1項ただし書)"),
    TWO_THIRDS: _("納付済・免除期間が3分の2以上 (国民年金法30条1項ただし書)"),
    RECENT_YEAR: _("直近1年間に未納がない (昭和60年改正法附則20条1項)"),
    None: _("納付要件を満たさない見込み"),
}
# 昭60法附則21条 (初診日が平成3年5月1日前): the window ends at the month before the latest 基準月.
NO_INSURED_MONTHS_OLD = _(
    "直近の基準月の前月までに被保険者期間がない (国民年金法30条1項ただし書、昭和60年改正法附則21条)"
)

CHECKS = {
    rules.OK: _("期間内"),
    rules.EDGE: _("境界の日 (要確認)"),
    rules.OUTSIDE: _("期間外"),
}
OFFICES = {office.CITY: _("市で受理"), office.PENSION_OFFICE: _("年金事務所")}
# 機構's answer in this type's words (the results file says 承認・却下・返戻 or 支給決定・不支給・返戻).
DECISIONS = {"approved": _("支給決定"), "rejected": _("不支給"), "returned": _("返戻")}


def _certificate_rows(claim) -> list[dict]:
    entered = {row["code"]: row for row in claim.certificates}
    rows = []
    for certificate in claim.assessment.get("certificates", []):
        code = (
            "certificate_recognition"
            if certificate["anchor"] == rules.ANCHOR_RECOGNITION
            else "certificate_claim"
        )
        row = entered.get(code, {})
        check = row.get("check")
        rows.append(
            {
                "code": code,
                "label": WINDOWS[(certificate["anchor"], certificate["window"])],
                "first": certificate["first"],
                "last": certificate["last"],
                "current_on": row.get("current_on"),
                "check": check,
                "check_label": CHECKS.get(check, ""),
            }
        )
    return rows


def _contribution(claim) -> dict | None:
    record = claim.contribution
    if not record:
        return None
    result = record.get("result")
    label = CONTRIBUTION_RULES.get(result["rule"]) if result else ""
    if result and result.get("base_month_reading") and result["rule"] == NO_INSURED_MONTHS:
        label = NO_INSURED_MONTHS_OLD
    return {
        "applies": record["applies"],
        "periods": record["periods"],
        "result": result,
        "rule_label": label,
    }


def claim_display(claim) -> dict:
    """What the case page, the task screens and the documents show of a claim: each computed value
    with its rule, and every point in doubt as 「要確認」."""
    assessment = claim.assessment or {}
    doubts = list(assessment.get("doubts", []))
    if claim.contribution:
        doubts += claim.contribution.get("doubts", [])
    certificates = _certificate_rows(claim)
    if any(row["check"] == rules.EDGE for row in certificates):
        doubts.append("window_edge")
    return {
        "route": ROUTES.get(claim.route, claim.route),
        # Kept in Japanese, its message id (the 送付票 prints it so): worded in the screen's language.
        "reason": gettext(claim.route_reason) if claim.route_reason else "",
        "office": OFFICES.get(assessment.get("office"), _("年金事務所")),
        "recognition_basis": BASES.get(claim.recognition_basis, ""),
        "kind": KINDS.get(claim.claim_kind, claim.claim_kind),
        "kind_short": KIND_SHORT.get(claim.claim_kind, claim.claim_kind),
        "late": assessment.get("late", False),
        "certificates": certificates,
        "post_onset_deadline": assessment.get("post_onset_deadline"),
        # 20歳前傷病: the 事後重症 deadline is 法30条の4第2項's, not 30条の2第1項's (初診日 while insured)
        "pre20": bool(assessment.get("pre20")),
        "income_notice": assessment.get("income_notice"),
        "contribution": _contribution(claim),
        # then the entered months against the city's records (period_records.py), each with its months
        "doubts": [
            *doubt_texts(dict.fromkeys(doubts), assessment.get("rule_values")),
            *period_doubt_texts((claim.contribution or {}).get("record_doubts", [])),
        ],
        "notes": note_texts(assessment.get("notes", [])),
        "special_event_judged": claim.special_event in rules.JUDGED_EVENTS,
        "decision": DECISIONS.get(claim.decision, ""),
    }
