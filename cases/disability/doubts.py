"""The 「要確認」 points and the notes of a 障害基礎年金 claim, kept as codes (the assessment's `doubts` and `notes`)
and worded here for each reader; a few take the date or reading of the claim's rule set (`rule_values`)."""

from django.utils.translation import gettext_lazy as _

from cases.common.codes import ExemptionKind, InsuredKind
from cases.common.date_display import date_show, month_show, range_separator, series_separator
from cases.common.dates import NEXT_DAY
from cases.common.identifiers.no_such_date import screen_is_japanese
from cases.disability import period_records as periods
from cases.disability import rules

DOUBTS = {
    "no_matching_day": _(
        "応当日がない月の扱い: 機構の実務 (月末) で計算しています。民法143条2項の厳格な読みでは翌月1日です。"
    ),
    "insured_under20": _(
        "初診日に被保険者 (20歳未満): 障害認定日を国民年金法30条1項 (1年6月) で計算し、20歳到達日 (30条の4第1項) に"
        "繰り下げていません。30条の4第1項の文言は加入状況を限定していないため確認してください。"
    ),
    "judged_event": _("この特例は医師の判断によります。障害認定日は診断書で確認してください。"),
    "pre20_around_window": _("20歳後の1年6月の障害認定日: 認定日前後3か月の現症を認める扱いもあります。"),
    "anniversary": _("障害認定日からちょうど1年の請求: 「1年以上」として2枚目の診断書を求めています。"),
    "merged": _(
        "併合となる請求: 障害厚生年金・障害共済年金 (または旧法の障害年金) を伴う併合は施行令1条の2第3号ハの対象外として"
        "年金事務所へ案内しています。障害基礎年金のみの併合は市で受け付けます。どちらに当たるか確認してください。"
    ),
    "before_1986": _(
        "初診日が昭和61年4月1日前: 旧法の経過措置 (施行令1条の2第3号ハが挙げる経過措置政令29条3項・31条) により"
        "市で受理する場合があります。該当するか確認してください。"
    ),
    "resident_20_59": _(
        "初診日に20歳以上60歳未満で日本国内に住所があります。第2号・第3号でなく、適用除外 (厚生年金保険法に基づく老齢給付等の"
        "受給権など) でもなければ第1号被保険者です (国民年金法7条1項1号、20歳到達日から: 8条1号)。初診日の加入状況を確認してください。"
    ),
    "status_age": _(
        "初診日の加入状況を第1号または第3号被保険者としていますが、初診日の年齢は20歳以上60歳未満ではありません"
        " (第1号・第3号は20歳以上60歳未満に限られます: 国民年金法7条1項1号・3号)。20歳前傷病 (30条の4)、"
        "60歳以上65歳未満の初診日 (30条1項2号) または任意加入でないか、初診日の加入状況を確認してください。"
    ),
    # 令1条の2第3号ハ: what the city's 資格情報 show on the 初診日 where it differs from the status entered (intake.py).
    "records_category1": _(
        "市の資格記録では、初診日に第1号被保険者です。入力した初診日の加入状況と違います。第1号被保険者であった間の"
        "初診日なら市で受け付けます (国民年金法施行令1条の2第3号ハ)。受診状況等証明書と本人の加入歴を確認してください。"
    ),
    "records_category2": _(
        "市の資格記録では、初診日に第2号被保険者です。入力した初診日の加入状況と違います。第2号被保険者であった間の"
        "初診日なら年金事務所での請求です (国民年金法施行令1条の2第3号ハ)。受診状況等証明書と本人の加入歴を確認してください。"
    ),
    "records_category3": _(
        "市の資格記録では、初診日に第3号被保険者です。入力した初診日の加入状況と違います。第3号被保険者であった間の"
        "初診日なら年金事務所での請求です (国民年金法施行令1条の2第3号ハ)。受診状況等証明書と本人の加入歴を確認してください。"
    ),
    "records_voluntary": _(
        "市の資格記録では、初診日に任意加入被保険者です。入力した初診日の加入状況と違います。"
        "受診状況等証明書と本人の加入歴を確認してください。"
    ),
    "special_elderly": _("65歳以上の任意加入 (特例高齢任意加入) に障害基礎年金が及ぶか確認してください。"),
    "pre20_income_figures": _(
        "20歳前傷病の所得制限額: 施行令5条の4の額を表示しています。令和7年10月以降の改定額の報道があります。"
    ),
    "congenital": _("先天性の障害: 初診日を生年月日として扱っています。受診状況等証明書は不要です。"),
    "standard_certificates": _(
        "基準障害: 基準傷病と他の傷病の両方の診断書 (請求日前3か月以内の現症) を求めています。現症日の扱いを確認してください。"
    ),
    "exemption_date_unknown": _("申請日が記録されていない免除期間があります (初診日前の申請のみ算入)。"),
    "recent_year_cutoff": _(
        "直近1年要件の期限: 令和7年法律第74号による延長後の期限 (参照データ) で判定しています (改正附則の原文未確認)。"
    ),
    "category3_late_report": _(
        "第3号被保険者期間を納付済として数えています。届出が遅れた第3号の月 (国民年金法附則7条の3第1項) や"
        "配偶者の厚生年金保険料が時効で消滅した月 (附則7条の2) は保険料納付済期間に算入されません。"
        "該当がないか確認してください。"
    ),
    "window_edge": _("現症日が「3か月以内」の境界の日です。期間の終日の扱いを確認してください。"),
}


# Doubts whose wording depends on the rule set the claim was judged with (Assessment.rule_values, kept on it).
RECENT_YEAR_CUTOFF_ON = _(
    "直近1年要件の期限: 令和7年法律第74号による延長後の%(cutoff)s前で判定しています (改正附則の原文未確認)。"
)
NO_MATCHING_DAY_NEXT = _(
    "応当日がない月の扱い: 民法143条2項の厳格な読みにより翌月1日で計算しています。機構の実務では月末です。"
)


def _doubt_text(code: str, values: dict) -> str:
    if code == "recent_year_cutoff" and values.get("recent_year_cutoff"):
        return str(RECENT_YEAR_CUTOFF_ON) % {"cutoff": date_show(values["recent_year_cutoff"])}
    if code == "no_matching_day" and values.get("no_matching_day") == NEXT_DAY:
        return str(NO_MATCHING_DAY_NEXT)
    return str(DOUBTS[code])


def doubt_texts(codes, values: dict | None = None) -> list[str]:
    """Each doubt code worded; `values` (rule_values of the claim's rule set) give the dates and readings."""
    return [_doubt_text(code, values or {}) for code in codes if code in DOUBTS]


# Notes (not in doubt) kept as codes on the assessment, worded for each reader.
NOTES = {
    rules.TIME_BARRED: _(
        "支給開始月から5年を超えて請求されています。5年を経過した月分の年金は時効により支払われません"
        " (国民年金法102条1項)。"
    ),
}


def note_texts(codes) -> list[str]:
    return [str(NOTES[code]) for code in codes if code in NOTES]


# The entered months against the city's 資格情報 and 免除情報 (period_records.py), each naming the months and what the
# records say; the entry is kept as entered (PERIODS_KEPT closes each).
PERIOD_DOUBTS = {
    periods.PAID_KIND: _(
        "市の資格記録では、%(months)sは%(kind)sの期間です。第2号・第3号被保険者期間は保険料納付済期間です"
        " (国民年金法5条1項) が、入力では納付済・免除として数えていません。"
    ),
    periods.EXEMPTION_APPLIED: _(
        "市の免除情報では、%(months)sは初診日前に申請された%(kind)sの期間ですが、入力では未納です。"
        "初診日の前日までに申請された免除の期間は納付要件で数えます (国民年金法5条3項・90条1項、30条1項ただし書)。"
    ),
    periods.EXEMPTION_BY_LAW: _(
        "市の免除情報では、%(months)sは%(kind)sの期間ですが、入力では未納です。法定免除 (国民年金法89条) は保険料免除期間、"
        "産前産後免除 (88条の2) は保険料納付済期間として納付要件で数えます (5条1項〜3項)。"
    ),
    periods.EXEMPTION_UNRECORDED: _(
        "入力では%(months)sを免除としていますが、市の免除情報にはその月の免除 (却下・返戻を除く) がありません。"
        "任意加入被保険者の月は免除の対象外です (国民年金法附則5条10項)。"
    ),
    periods.CATEGORY3_OTHER: _(
        "市の資格記録では、%(months)sは%(kind)sの期間ですが、入力では第3号被保険者期間としています。"
    ),
    periods.CATEGORY3_UNMARKED: _(
        "市の資格記録では、%(months)sは第3号被保険者期間ですが、入力では第3号としていません。"
        "届出が遅れた第3号の月は保険料納付済期間に算入されません (国民年金法附則7条の3第1項)。"
    ),
    periods.NOT_INSURED: _(
        "市の資格記録では、%(months)sは被保険者期間ではありませんが、入力にあります。"
        "納付要件は被保険者期間の月で判定します (国民年金法7条1項、30条1項ただし書)。"
    ),
    periods.NOT_ENTERED: _(
        "市の資格記録では、%(months)sは%(kind)sの期間ですが、入力にありません。"
        "入力にない月は被保険者期間として数えていません (国民年金法30条1項ただし書)。"
    ),
}
PERIODS_KEPT = _(
    "納付状況は入力のまま判定しています。社会保険オンラインシステムと本人の加入歴を確認してください。"
)


def _months_text(ranges) -> str:
    """[["2019-05", "2020-03"], …] as 令和元年5月〜令和2年3月、… : as the panel's table of the entered months and
    its other sentences write a month (month_show: 和暦; 2019-05 (R1) in English, not 「May 2019」 beside them)."""
    shown = []
    for first, last in ranges:
        ends = [month_show(f"{month}-01") for month in (first, last)]
        shown.append(ends[0] if first == last else range_separator().join(ends))
    return series_separator().join(shown)


def _kind_label(code: str) -> str:
    for choices in (InsuredKind, ExemptionKind):
        if code in choices.values:
            return str(choices(code).label)
    return ""


def period_doubt_texts(found) -> list[str]:
    """Each mismatch kept on the claim's contribution (`record_doubts`) worded with its months and the records' kind."""
    between = "" if screen_is_japanese() else " "
    return [
        str(PERIOD_DOUBTS[item["code"]])
        % {"months": _months_text(item["months"]), "kind": _kind_label(item["detail"])}
        + between
        + str(PERIODS_KEPT)
        for item in found
        if item["code"] in PERIOD_DOUBTS
    ]
