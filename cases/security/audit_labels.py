"""The words of the access log: the Japanese labels of its steps, targets, events, reasons and outcomes
(message ids, worded in the reader's language by cases/security/audit_present.py, which re-exports them)."""

from django.utils.translation import gettext_noop

from cases.security.models.audit import AuditAction

# The steps of the flows (task:<node>), in the words of the desk. Every label below is a Japanese
# message id, worded in the reader's language when shown (the PDF report renders in Japanese). A
# registered flow's other steps are named from their titles (workflows/casetypes.py flow_register,
# task_label_register); the wording here is kept where a title says more (書類不備 (提出待ち)).
TASK_LABELS = {
    "verify_identity": gettext_noop("本人確認"),
    "await_documents": gettext_noop("書類不備"),
    "enter_data": gettext_noop("入力"),
    "attach_income": gettext_noop("所得情報の添付"),
    "cross_check": gettext_noop("照合"),
    "approve": gettext_noop("決裁"),
    "await_dispatch": gettext_noop("送付待ち"),
    "await_result": gettext_noop("結果待ち"),
    "answer": gettext_noop("回答"),
}
# Fixed targets and the prefixes of targets that carry an id or a name (prefix:value).
TARGET_LABELS = {
    "case": gettext_noop("案件"),
    "resident": gettext_noop("宛名・年金記録"),
    "resident_income": gettext_noop("所得情報"),
    "resident_search": gettext_noop("宛名の検索"),
    "case_search": gettext_noop("案件の検索"),
    "intake": gettext_noop("受付"),
    "intake_request": gettext_noop("請求の受付"),
    "intake_disability": gettext_noop("受付 (障害基礎年金)"),
    "intake_qualification": gettext_noop("受付 (資格届出)"),
    "mynumber_reveal": gettext_noop("個人番号の表示"),
    "mynumber_search": gettext_noop("個人番号による検索"),
    "mynumber_reveal_approval": gettext_noop("個人番号の表示の承認"),
    "operator_reports": gettext_noop("帳票出力 (委託先)"),
    "inquiry_log": gettext_noop("問合せ受付簿"),
    "inquiry_log_pdf": gettext_noop("問合せ受付簿 (PDF)"),
    "audit_report_csv": gettext_noop("監査報告 (CSV)"),
    "audit_report_pdf": gettext_noop("監査報告 (PDF)"),
    "retention": gettext_noop("保存期限による消去"),
    "use_suspension_lifted": gettext_noop("利用停止の解除"),
    "disclosure_mynumber_approval": gettext_noop("開示報告書への個人番号の記載の承認"),
    "document": gettext_noop("帳票"),
    "datafile_spelling": gettext_noop("送付用の表記"),
    "worklist": gettext_noop("作業票"),
}
PREFIX_LABELS = {
    "task": gettext_noop("作業"),
    "bundle": gettext_noop("送付"),
    "results": gettext_noop("処理結果の取込番号"),
    "result_upload": gettext_noop("処理結果の取込 (確認待ち)"),
    "transfer": gettext_noop("住基への移転"),
    "inquiry": gettext_noop("問合せ"),
    "discrepancy": gettext_noop("突合の不一致"),
    "qualification_list": gettext_noop("勧奨の一覧"),
    "document": gettext_noop("帳票"),
    "document_preview": gettext_noop("帳票のプレビュー"),
    "command": gettext_noop("コマンド"),
    "import": gettext_noop("住民記録・所得情報の取込番号"),
    # The admin's and the login's targets name what they act on in Japanese (職員:clerk1): an event
    # below names the act; one without a label still says what kind of thing it touched.
    "職員": gettext_noop("職員"),
    "事務所": gettext_noop("事務所"),
    "定期処理": gettext_noop("定期処理"),
    "接続元": gettext_noop("接続元"),
}
EVENT_LABELS = {
    "role_grant_requested": gettext_noop("役割の付与の依頼"),
    "role_grant_approved": gettext_noop("役割の付与の承認"),
    "role_grant_refused": gettext_noop("役割の付与の却下"),
    "role_revoked": gettext_noop("役割の取消"),
    "user_added": gettext_noop("職員の追加"),
    "user_changed": gettext_noop("職員情報の変更"),
    "password_reset_by_admin": gettext_noop("パスワードの再設定"),
    "account_unlock": gettext_noop("ロックの解除"),
    "address_unlock": gettext_noop("接続元のロックの解除"),
    "totp_enabled": gettext_noop("二要素認証の登録"),
    "totp_disabled": gettext_noop("二要素認証の解除"),
    "allowed_networks": gettext_noop("利用端末のネットワークの変更"),
    "schedule_changed": gettext_noop("定期処理の変更"),
    "reveal_suspended": gettext_noop("個人番号の表示の停止"),
    "reveal_resumed": gettext_noop("個人番号の表示の再開"),
    "password_change": gettext_noop("パスワードの変更"),
    "account_disabled": gettext_noop("ユーザーIDの利用停止"),
    "superuser_granted": gettext_noop("スーパーユーザー権限の付与"),
    "superuser_revoked": gettext_noop("スーパーユーザー権限の解除"),
}
# Events whose name other targets use too (requested, approved …), worded for one target: a clerk's
# request for a 係長's approval and the approval itself must not read alike.
TARGET_EVENT_LABELS = {
    ("mynumber_reveal_approval", "requested"): gettext_noop("個人番号の表示の承認の依頼"),
    ("mynumber_reveal_approval", "refused"): gettext_noop("個人番号の表示の承認の却下"),
}
REASON_LABELS = {
    "permission": gettext_noop("権限なし"),
    "not_found": gettext_noop("対象なし・他の事務所"),
    "read_only_role": gettext_noop("読み取り専用の役割"),
    "terminal": gettext_noop("利用端末の制限"),
    "mynumber_in_pdf": gettext_noop("帳票に個人番号"),
    # The hourly limits on 個人番号 use (cases/registry/reveal_limits.py): the request refused when reached.
    "reveal_limit": gettext_noop("表示・検索の件数の上限 (表示)"),
    "search_limit": gettext_noop("表示・検索の件数の上限 (検索)"),
    "refusal_limit": gettext_noop("承認のない表示の要求の件数の上限"),
    "reveal_suspended": gettext_noop("表示の停止中"),
    "needs_approval": gettext_noop("係長の承認なし"),
    "use_suspended": gettext_noop("利用停止中"),
    # Logins and logouts (cases.security.lockout.Reason; the ログイン試行 admin words them the same).
    "ok": gettext_noop("ログイン成功"),
    "bad_credentials": gettext_noop("ユーザーIDまたはパスワードの誤り"),
    "totp_failed": gettext_noop("確認コードの誤り"),
    "locked": gettext_noop("ロック中のため拒否"),
    "address_locked": gettext_noop("接続元のロック中のため拒否"),
    "delayed": gettext_noop("待機時間中のため拒否"),
    "lockout": gettext_noop("アカウントのロック"),
    "address_lockout": gettext_noop("接続元のロック"),
    "unlocked": gettext_noop("ロックの解除"),
    "address_unlocked": gettext_noop("接続元のロックの解除"),
    "inactive": gettext_noop("利用停止中のユーザーID"),
    "password_expired": gettext_noop("パスワードの有効期限切れ"),
    "logout": gettext_noop("ログアウト (本人)"),
    "idle_logout": gettext_noop("一定時間操作なしによるログアウト"),
    # Commands refused before running (cases.management.base.ActorCommand).
    "no_user": gettext_noop("実行者の指定なし"),
    "unknown_user": gettext_noop("存在しないユーザーID"),
    "inactive_user": gettext_noop("利用停止中の職員"),
    "no_permission": gettext_noop("実行の権限なし"),
    "same_person": gettext_noop("再設定される本人による実行"),
    # An administrator's password or second factor in the admin (cases.security.credential_resets).
    "admin_credentials": gettext_noop("管理者の認証情報は管理サイトで再設定できない"),
    # A sealed bundle's ZIP asked to be made again (cases.submission.bundle_requests.bundle_assemble_request).
    "bundle_sealed": gettext_noop("封緘済みの送付"),
}
# Whether what an entry records worked: a command run keeps its outcome ("ok" or "error") in the
# detail; a refusal and a failed login are their action. Everything else is something done.
OUTCOME_OK, OUTCOME_FAILED, OUTCOME_REFUSED = gettext_noop("成功"), gettext_noop("失敗"), gettext_noop("拒否")
FAILED_ACTIONS = frozenset({AuditAction.LOGIN_FAILED, AuditAction.LOCKOUT})
