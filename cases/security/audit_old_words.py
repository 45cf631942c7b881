"""Purposes older code wrote into the access log in the writer's screen language, read in the words the
log keeps today.

From 2026-12-03 (09d261c) to 2026-12-06 (0816819) a 個人番号 reveal approval request (target
``mynumber_reveal_approval``) logged its purpose as the RevealPurpose label in the requesting clerk's
language, so a request made on an English screen left "Identity check (…)" among the Japanese purposes
of the auditor's screen, CSV and PDF report and of the requester's 開示報告書. Since then the label is
kept in the installation's words (cases.registry.reveals.purpose_stated).

The same was true of the bundle's state in 「処理結果の受領 (…)」 (a 係長 applying 機構's results on an
English screen wrote 「処理結果の受領 (Partly returned by JPS)」) until 2026-12-07; those are read by the
bundle state's English label in cases/security/audit_purposes.py, which words the purposes for the reader.

The approval requests are read through this table. Neither kind is converted by a migration: the log is append-only
(PostgreSQL refuses UPDATE, migration 0009; the application's role may not even try) and each entry's
keyed hash covers its purpose, so rewriting them would be refused, or — triggers off — be the very edit
verify_audit_log reports as tampering.
"""

# The English the old code wrote (the catalogue's words, unchanged since e8f9b2a) → the label kept
# today (RevealPurpose's message id; this layer sits below cases.registry and names them as written).
_APPROVAL_PURPOSES = {
    "Identity check (checking the number at the counter)": "本人確認 (窓口での番号の確認)",
    "Preparing or checking an application or notification": "申請書・届書の作成・確認",
    "Inquiry to or answer for the Japan Pension Service": "日本年金機構への照会・回答",
    "Handling a disclosure, correction or suspension request": "開示・訂正・利用停止請求への対応",
    "Other (write it in the note)": "その他 (備考に記載)",
}
OLD_PURPOSES = {"mynumber_reveal_approval": _APPROVAL_PURPOSES}


def audit_purpose_read(target: str, purpose: str) -> str:
    """An entry's purpose as the log writes it today: an old sentence recognised for its target, else as
    written."""
    return OLD_PURPOSES.get(target, {}).get(purpose, purpose)
