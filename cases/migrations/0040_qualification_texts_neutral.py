"""A 資格届出's 「要確認」 points and its papers' names were kept in the language of the clerk who took it, and
reached Japanese screens and the 届書 in English. They are now kept language-neutral (a Text; the
paper's Japanese message id): this turns those on file back, each by its code, or by matching its
sentence in either language. A sentence that matches nothing (a city's own text) stays as written.

The message ids are copied here as cases/qualification/texts.py and checklist.py have them now."""

from django.db import migrations
from django.utils import translation

LANGUAGES = ("ja", "en")
# doubt code → text code, for the points that are a fixed sentence
FIXED = {
    "day14": "qualification_doubt_day14",
    "closed_day": "qualification_doubt_closed_day",
    "age20_no_filing": "qualification_doubt_age20",
    "dependent_end_date": "qualification_doubt_dependent_end",
    "abroad_office": "qualification_doubt_abroad_office",
    "additional_record": "qualification_doubt_additional_record",
    "additional_exemption": "qualification_doubt_additional_exemption",
}
SPECIAL_ELDERLY_DOUBT = (
    "令和7年法律第74号で特例高齢任意加入の対象 (生年月日) が延長されたとの報告があります"
    " (昭和45年4月1日以前か)。改正後の附則を確認するまで要確認です。"
)
RECORDS_KIND = "資格情報では%(records)sですが、届出前の種別を%(stated)sとして受け付けました。資格情報を確認してください。"
KIND_LABELS = (
    "第1号被保険者",
    "第2号被保険者",
    "第3号被保険者",
    "任意加入被保険者",
    "特例高齢任意加入被保険者",
    "被保険者でない",
)
PAPERS = (
    "離職票または資格喪失証明書 (厚生年金の資格喪失日が分かるもの)",
    "配偶者の資格喪失証明書または離職票",
    "被扶養者でなくなったことが分かる書類 (健康保険の資格喪失証明書等)",
    "老齢給付等の年金証書等 (受給権の発生日が分かるもの)",
    "旅券等 (入国日が分かるもの)",
    "死亡の事実が分かる書類 (死亡診断書の写し等)",
    "国民年金保険料口座振替納付申出書",
    "年金加入期間の分かる書類 (共済組合の期間等がある場合)",
    "納付済・前納済の付加保険料が分かる書類",
    "基礎年金番号通知書等 (基礎年金番号を記載する場合)",
)


def _worded(msgid: str) -> dict[str, str]:
    """Each language's words for a message id → the id."""
    from django.utils.translation import gettext

    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            found[gettext(msgid)] = msgid
    return found


def _records_kind_sentences() -> dict[str, dict]:
    from django.utils.translation import gettext

    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            for records in KIND_LABELS:
                for stated in KIND_LABELS:
                    said = gettext(RECORDS_KIND) % {"records": gettext(records), "stated": gettext(stated)}
                    found[said] = {"records": records, "stated": stated}
    return found


def _text(doubt: dict, special: dict, records_kind: dict) -> dict | None:
    code, said = doubt.get("code"), doubt.get("text")
    if code in FIXED:
        return {"code": FIXED[code], "params": {}}
    if code == "special_elderly_window":  # the shipped sentence by its id; a city's own as written
        return {"code": "qualification_doubt_special_elderly", "params": {"doubt": special.get(said, said)}}
    if code == "records_kind" and said in records_kind:
        return {"code": "qualification_doubt_records_kind", "params": records_kind[said]}
    return None


def texts_neutral(apps, schema_editor):
    QualificationFiling = apps.get_model("cases", "QualificationFiling")
    special, records_kind = _worded(SPECIAL_ELDERLY_DOUBT), _records_kind_sentences()
    for filing in QualificationFiling.objects.exclude(doubts=[]).only("id", "doubts"):
        doubts = [
            {**doubt, "text": _text(doubt, special, records_kind) or doubt.get("text")}
            if isinstance(doubt.get("text"), str)
            else doubt
            for doubt in filing.doubts
        ]
        if doubts != filing.doubts:
            filing.doubts = doubts
            filing.save(update_fields=["doubts"])
    ChecklistItem = apps.get_model("cases", "ChecklistItem")
    for worded, msgid in {k: v for paper in PAPERS for k, v in _worded(paper).items()}.items():
        if worded != msgid:
            ChecklistItem.objects.filter(case__case_type="qualification", label=worded).update(label=msgid)


def texts_sentences(apps, schema_editor):
    """Back to sentences (Japanese), as the code before this migration kept them."""
    from cases.qualification.texts import doubts_shown

    QualificationFiling = apps.get_model("cases", "QualificationFiling")
    with translation.override("ja"):
        for filing in QualificationFiling.objects.exclude(doubts=[]).only("id", "doubts"):
            shown = doubts_shown(filing.doubts)
            filing.doubts = [
                {**doubt, "text": said} for doubt, said in zip(filing.doubts, shown, strict=True)
            ]
            filing.save(update_fields=["doubts"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0039_user_login_id_rules"),
    ]

    operations = [
        migrations.RunPython(texts_neutral, texts_sentences),
    ]
