"""The purposes the code writes into the access log, and how a reader sees them.

The log keeps each purpose in Japanese, the installation's words, whoever acted and in whatever screen
language (append-only, and each entry's keyed hash covers its purpose: cases/security/audit_old_words.py).
The auditor's screen and CSV word the purposes on this list in the reader's language, as they word
targets and reasons (cases/security/audit_present.py); the PDF report and the 開示報告書 are documents,
rendered in Japanese, so they read the stored words. What a person typed — a 利用停止の解除's reason, a
開示報告書's approval reason, the note beside a reveal's purpose — and anything not on the list stay as
written. tests/i18n/test_access_log_english.py walks the code for every purpose written.

Each purpose is a message id in the context 「利用目的」 (the same words are a button elsewhere).
"""

import re
from functools import cache

from django.apps import apps
from django.utils import translation
from django.utils.translation import pgettext_lazy

from cases.security.audit_old_words import audit_purpose_read

_FIXED = (
    # Commands (cases.management.base.ActorCommand.purpose; tasks/ for the schedules).
    pgettext_lazy("利用目的", "週次送付の作成 (コマンド)"),
    pgettext_lazy("利用目的", "暗号鍵の更新 (再暗号化)"),
    pgettext_lazy("利用目的", "住民記録の取込"),
    pgettext_lazy("利用目的", "所得情報の取込"),
    pgettext_lazy("利用目的", "保存期限の経過による消去 (コマンド)"),
    pgettext_lazy("利用目的", "役割と権限の同期"),
    pgettext_lazy("利用目的", "管理者の認証情報の再設定 (サーバー)"),
    pgettext_lazy("利用目的", "定期処理の登録"),
    # The weekly bundle and 機構's results (cases/submission).
    pgettext_lazy("利用目的", "週次送付の作成を依頼"),
    pgettext_lazy("利用目的", "臨時送付の作成を依頼"),
    pgettext_lazy("利用目的", "週次送付の作成 (案件の追加)"),
    pgettext_lazy("利用目的", "送付の作成の再開 (案件の追加)"),
    pgettext_lazy("利用目的", "送付からの案件の除外"),
    pgettext_lazy("利用目的", "送付データ (ZIP) の作成"),
    pgettext_lazy("利用目的", "送付データ (ZIP) のダウンロード"),
    pgettext_lazy("利用目的", "送付の封緘"),
    pgettext_lazy("利用目的", "保存期限の経過による個人番号の消去"),
    pgettext_lazy("利用目的", "処理結果一覧表の取込"),
    pgettext_lazy("利用目的", "処理結果一覧表の取込 (取込済みのため変更なし)"),
    pgettext_lazy("利用目的", "処理結果一覧表の取込 (確認待ち)"),
    pgettext_lazy("利用目的", "処理結果一覧表の反映 (二人目の確認)"),
    pgettext_lazy("利用目的", "処理結果一覧表の再照合"),
    pgettext_lazy("利用目的", "処理結果一覧表の取り下げ"),
    pgettext_lazy("利用目的", "処理結果一覧表の却下"),
    pgettext_lazy("利用目的", "突合の不一致の対応"),
    pgettext_lazy("利用目的", "住基への移転の依頼"),
    pgettext_lazy("利用目的", "住基への移転の承認"),
    pgettext_lazy("利用目的", "住基への移転の却下"),
    pgettext_lazy("利用目的", "住基への移転ファイルの作成"),
    pgettext_lazy("利用目的", "住基への移転ファイルのダウンロード"),
    # The 勧奨 lists, the resident requests, the records and the desk.
    pgettext_lazy("利用目的", "勧奨の一覧の取込"),
    pgettext_lazy("利用目的", "勧奨の開始 (案件の作成)"),
    pgettext_lazy("利用目的", "勧奨状の作成を依頼"),
    pgettext_lazy("利用目的", "開示請求への対応"),
    pgettext_lazy("利用目的", "保存期限の経過による消去"),
    pgettext_lazy("利用目的", "作業票の印刷"),
    # The resident page's 所得情報 (cases/registry/income_view.py LOGGED).
    pgettext_lazy("利用目的", "所得情報の表示 (免除申請等の相談)"),
    pgettext_lazy("利用目的", "所得情報の表示 (世帯員の所得の確認)"),
    pgettext_lazy("利用目的", "所得情報の表示 (その他)"),
    pgettext_lazy("利用目的", "所得情報の表示 (案件の事務)"),
    # The PDF report's kinds (cases.security.selectors.audit.AUDIT_PURPOSES).
    pgettext_lazy("利用目的", "自己点検"),
    pgettext_lazy("利用目的", "内部監査"),
    pgettext_lazy("利用目的", "外部監査"),
)
# Purposes with a part filled in. The office is the setting's name; the state is the bundle's label.
HANDED_OVER = pgettext_lazy("利用目的", "日本年金機構 (%(office)s) への提供")
RESULTS_RECEIVED = pgettext_lazy("利用目的", "処理結果の受領 (%(state)s)")
# A 個人番号's purpose chosen from the list (RevealPurpose), the clerk's note, the case it serves.
FOR_CASE = pgettext_lazy("利用目的", "%(purpose)s (案件 %(number)s)")
# Targets whose purpose is what a person typed (a reason), never a word of the list.
TYPED_TARGETS = frozenset({"use_suspension_lifted", "disclosure_mynumber_approval"})
REVEAL_TARGETS = frozenset({"mynumber_reveal", "mynumber_search", "mynumber_reveal_approval"})


def _stored(label) -> str:
    """A message id as the log keeps it: its Japanese, not the words of the writer's screen."""
    with translation.override(None):
        return str(label)


@cache
def fixed_purposes() -> dict[str, object]:
    return {_stored(label): label for label in _FIXED}


def purpose_handed_over(office: str) -> str:
    return _stored(HANDED_OVER) % {"office": office}


def purpose_results_received(state_label) -> str:
    """`state_label`: the bundle state's label (a lazy message id), kept in Japanese."""
    return _stored(RESULTS_RECEIVED) % {"state": _stored(state_label)}


def purpose_chosen(label, note: str = "", case_number: str = "") -> str:
    """A purpose chosen from a list, with the note typed beside it and the case it serves:
    「本人確認 (窓口での番号の確認): 電話での照会 (案件 2026-000001)」."""
    stated = _stored(label) + (f": {note}" if note else "")
    return _stored(FOR_CASE) % {"purpose": stated, "number": case_number} if case_number else stated


def _pattern(template) -> re.Pattern:
    parts = re.split(r"%\((\w+)\)s", _stored(template))
    return re.compile(
        "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+)" for i, part in enumerate(parts))
    )


@cache
def _patterns() -> dict[str, re.Pattern]:
    return {
        "handed_over": _pattern(HANDED_OVER),
        "received": _pattern(RESULTS_RECEIVED),
        "case": _pattern(FOR_CASE),
    }


@cache  # the labels are lazy: worded when shown, whoever reads
def _labels(model: str, field: str, *, old_english: bool = False) -> dict[str, object]:
    """A field's choice labels (a model above this layer), by their Japanese; with `old_english` by the
    English older code wrote too (a bundle's state in 処理結果の受領 was the writer's language until
    2026-12-07)."""
    labels = [label for _value, label in apps.get_model("cases", model)._meta.get_field(field).choices]
    known = {_stored(label): label for label in labels}
    if old_english:
        with translation.override("en"):
            known = {str(label): label for label in labels} | known
    return known


def _reveal_purpose(purpose: str) -> str | None:
    """本人確認 (窓口での番号の確認)[: note][ (案件 …)] with the label worded, or None."""
    for_case = _patterns()["case"].fullmatch(purpose)
    label, colon, note = (for_case["purpose"] if for_case else purpose).partition(": ")
    known = _labels("RevealApproval", "purpose")
    if label not in known:
        return None
    shown = str(known[label]) + (f": {note}" if colon else "")
    return str(FOR_CASE) % {"purpose": shown, "number": for_case["number"]} if for_case else shown


def audit_purpose_show(target: str, purpose: str) -> str:
    """An entry's purpose in the reader's language when the code wrote it from this list; else as written."""
    purpose = audit_purpose_read(target, purpose)
    if not purpose or target in TYPED_TARGETS:
        return purpose
    if purpose in fixed_purposes():
        return str(fixed_purposes()[purpose])
    if target in REVEAL_TARGETS:
        return _reveal_purpose(purpose) or purpose
    if handed := _patterns()["handed_over"].fullmatch(purpose):
        return str(HANDED_OVER) % {"office": handed["office"]}
    if received := _patterns()["received"].fullmatch(purpose):
        states = _labels("SubmissionBundle", "state", old_english=True)
        if received["state"] in states:
            return str(RESULTS_RECEIVED) % {"state": str(states[received["state"]])}
    label, colon, note = purpose.partition(": ")
    if colon and label in fixed_purposes():
        return f"{fixed_purposes()[label]}: {note}"  # a purpose from a list with the note typed beside it
    return purpose
