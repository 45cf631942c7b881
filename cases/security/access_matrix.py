"""The access matrix: for every URL of the desk, which role may use it. Data, not code.

Enforcement lives in the views (``permission_required`` and the selectors' office scoping), in
``cases.security.middleware.ReadOnlyRoleMiddleware`` (監査 and 委託先 change nothing) and in the services. This
table is what those are tested against: tests/security/test_url_matrix.py requests every URL pattern
as an anonymous visitor and as each role and compares the outcome with the entry here; a URL with no
entry fails that test. docs/security/access-matrix.md is generated from it (``manage.py access_matrix``).
The words a row is written in (roles, outcomes, ``Access``, the role sets) and the rules that are not one
URL's row (read-only roles, public URLs, any staff, the admin's family) are cases/security/access_rules.py.
"""

from cases.security.access_rules import (
    ADMIN,
    ANY_STAFF,
    CASEWORK,
    CLERK,
    EVERYONE,
    ONLY_ADMIN,
    ONLY_AUDITOR,
    ONLY_CLERK,
    ONLY_SUPERVISOR,
    OPERATOR,
    READERS,
    SUPERVISOR,
    Access,
    roles_of,
)

URLS: dict[str, Access] = {
    # --- sign-in and the user's own account ------------------------------------------------------
    "login": Access(EVERYONE, EVERYONE, public=True, note="ログイン済みならホームへ"),
    "login_totp": Access(EVERYONE, EVERYONE, public=True, note="パスワードの次の確認コード"),
    "logout": Access(None, EVERYONE, note="POST のみ"),
    "session_keepalive": Access(None, EVERYONE, note=ANY_STAFF["session_keepalive"]),
    "language_set": Access(None, EVERYONE, public=True, note="表示言語の切替 (POST のみ、クッキーに保存)"),
    "home": Access(EVERYONE, note=ANY_STAFF["home"]),
    "password_change": Access(EVERYONE, EVERYONE),
    "totp_setup": Access(roles_of(SUPERVISOR, ADMIN), roles_of(SUPERVISOR, ADMIN)),
    # --- desk: inboxes, queue, tasks, cases ------------------------------------------------------
    "desk_home": Access(READERS),
    "inbox": Access(READERS),
    "queue": Access(READERS),
    "task_work": Access(READERS, CASEWORK, note="作業の実行は担当者のみ (担当外は案件画面へ)"),
    "task_claim": Access(None, CASEWORK, note="作業の権限は工程ごとに engine が確認"),
    "task_release": Access(None, CASEWORK),
    "task_reassign": Access(ONLY_SUPERVISOR, ONLY_SUPERVISOR),
    "tasks_bulk": Access(
        None,
        CASEWORK,
        note="一括の担当・付け替え・作業票: まず作業ごとの可否を表示、確認で実行 (付け替えは係長のみ)",
    ),
    "dashboard": Access(ONLY_SUPERVISOR, note="係長のダッシュボード (全事務所の集計)"),
    "dashboard_csv": Access(ONLY_SUPERVISOR, note="ダッシュボードの各グラフの表 (CSV)"),
    "case_search": Access(READERS, note="窓口担当は自分の事務所の案件のみ"),
    "checklist_item_mark": Access(
        None, CASEWORK, note="提出書類の状態 (不要とするのは係長のみ、サービスで確認)"
    ),
    "case_detail": Access(READERS, note="他の事務所の案件は 404"),
    "case_withdraw": Access(None, CASEWORK, note="取下げ (送付前のどの段階でも、理由を記録し作業を終了)"),
    "case_datafile_spelling": Access(
        None, CASEWORK, note="送付用の表記 (送付データのみ。住民記録・帳票は元のまま)"
    ),
    "intake_search": Access(
        ONLY_CLERK,
        ONLY_CLERK,
        note="POST: 個人番号による検索 (利用目的を記録。表示と合わせて1時間の上限で停止)",
    ),
    "intake_exemption": Access(ONLY_CLERK, ONLY_CLERK),
    "intake_disability": Access(
        ONLY_CLERK,
        ONLY_CLERK,
        note="障害基礎年金 請求の受付。POST: 受理窓口の判定 (保存しない) または受付・年金事務所への案内",
    ),
    "intake_qualification": Access(
        ONLY_CLERK, ONLY_CLERK, note="資格届出の受付 (届出の種類ごと)。POST の「計算」は保存しない"
    ),
    "qualification_lists": Access(
        ONLY_CLERK, ONLY_CLERK, note="勧奨の一覧: 一覧と取込。自分の事務所の一覧のみ"
    ),
    "qualification_list_detail": Access(ONLY_CLERK, note="照合結果・勧奨状。他の事務所の一覧は 404"),
    "qualification_list_start": Access(None, ONLY_CLERK, note="勧奨の案件を作成 (作成済みの行は作らない)"),
    "qualification_list_letters": Access(None, ONLY_CLERK, note="勧奨状の一括作成 (Celery)"),
    "consultation": Access(CASEWORK, CASEWORK, note="所得基準の事前判定 (参考)。入力は保存しない"),
    # --- residents, 個人番号, 開示・訂正・利用停止請求 ------------------------------------------------
    "resident_detail": Access(
        CASEWORK,
        note="宛名・年金記録 (閲覧のみ)。どの住民も開ける (受付の検索と同じ範囲)、案件は見える事務所のもののみ",
    ),
    "resident_income": Access(
        None,
        CASEWORK,
        note=(
            "所得情報の表示: POST で利用目的を一覧から指定 (「その他」は備考)、記録して15分このセッションで表示。"
            "受付中の案件を扱う事務所の職員には宛名の画面にそのまま表示"
        ),
    ),
    "resident_mynumber": Access(
        CASEWORK,
        CASEWORK,
        note=(
            "個人番号の表示: POST で利用目的を一覧から指定 (案件・備考)、結果画面に一度だけ (no-store)。"
            "当事務所に番号利用事務の案件 (免除・障害基礎年金・資格届出。開示等の請求は除く) のない方は係長の承認後。"
            "1時間の上限 (検索と合わせて) と承認なしの拒否の上限で停止。拒否は記録。記録に表示の根拠 (案件・承認、自分の受付か) を残す"
        ),
    ),
    "reveal_approvals": Access(
        ONLY_SUPERVISOR,
        ONLY_SUPERVISOR,
        note="個人番号の表示の承認と、表示停止の解除 (自分の事務所の職員のみ、依頼者・本人以外)",
    ),
    "resident_use_resume": Access(
        None, ONLY_SUPERVISOR, note="利用停止の解除 (理由を記録、請求の経過と操作記録に残す)"
    ),
    "intake_request": Access(ONLY_CLERK, ONLY_CLERK, note="開示・訂正・利用停止請求の受付"),
    "disclosure_report": Access(None, ONLY_SUPERVISOR, note="開示報告書の作成 (対応・決裁の段階)"),
    "request_deadline_extend": Access(
        None,
        ONLY_SUPERVISOR,
        note="請求の決定期限の延長 (30日以内・一度、理由を記録。自分の事務所の案件のみ)",
    ),
    "disclosure_mynumber": Access(None, ONLY_SUPERVISOR, note="開示報告書に個人番号を記載することの承認"),
    # --- documents -------------------------------------------------------------------------------
    "document_download": Access(
        roles_of(CLERK, SUPERVISOR, OPERATOR),
        note="委託先は個人番号を含まない帳票 (送付書・送付一覧表・受付票・届書) のみ",
    ),
    "document_regenerate": Access(None, CASEWORK),
    "document_preview": Access(CASEWORK, note="個人番号は伏字"),
    "document_issue": Access(None, CASEWORK),
    "operator_reports": Access(roles_of(OPERATOR), note="委託先の帳票出力画面"),
    # --- weekly bundle ---------------------------------------------------------------------------
    "bundle_list": Access(CASEWORK),
    "bundle_build": Access(
        None, ONLY_SUPERVISOR, note="今週分 (直近の金曜15:00締切)。対象がなければ作成しない"
    ),
    "bundle_build_off_cycle": Access(None, ONLY_SUPERVISOR, note="臨時送付: 今までに決裁された案件をすべて"),
    "bundle_detail": Access(CASEWORK, note="窓口担当には自分の事務所の案件だけを表示"),
    "bundle_progress": Access(CASEWORK, note="進み具合 (画面が自動で問い合わせる。操作には数えない)"),
    "bundle_remove_case": Access(ONLY_SUPERVISOR, ONLY_SUPERVISOR),
    "bundle_seal": Access(ONLY_SUPERVISOR, ONLY_SUPERVISOR),
    "bundle_rebuild": Access(None, ONLY_SUPERVISOR),
    "bundle_download": Access(ONLY_SUPERVISOR),
    "bundle_hand_over": Access(ONLY_SUPERVISOR, ONLY_SUPERVISOR),
    # --- results from 機構 and the 住基 transfer ----------------------------------------------------
    "results_index": Access(
        ONLY_SUPERVISOR,
        ONLY_SUPERVISOR,
        note="取込 (1人目): 担当外の事務所の案件の行は行番号つきで拒否、反映は2人目",
    ),
    "result_upload_detail": Access(
        ONLY_SUPERVISOR,
        ONLY_SUPERVISOR,
        note="反映内容の確認。反映・却下は取り込んだ本人以外の同じ事務所か本庁の係長、取り下げは本人、再照合はそのどちらも (他の事務所の係長の POST は拒否)",
    ),
    "discrepancy_list": Access(CASEWORK, note="窓口担当は自分の事務所の案件と、案件のない結果のみ"),
    "discrepancy_detail": Access(CASEWORK, CASEWORK),
    "transfer_list": Access(CASEWORK, ONLY_CLERK, note="POST: 移転の依頼 (窓口担当)"),
    "transfer_detail": Access(CASEWORK, note="窓口担当は自分の事務所からの依頼のみ"),
    "transfer_decide": Access(None, ONLY_SUPERVISOR, note="依頼者以外の係長"),
    "transfer_produce": Access(None, CASEWORK),
    "transfer_download": Access(CASEWORK),
    # --- imports from the city's systems (システム管理者) --------------------------------------------
    "imports": Access(ONLY_ADMIN, ONLY_ADMIN),
    "imports_detail": Access(ONLY_ADMIN, ONLY_ADMIN, note="POST: 応答なく停止した取込の再開"),
    "imports_progress": Access(ONLY_ADMIN, note="進み具合 (画面が自動で問い合わせる。操作には数えない)"),
    # --- audit and the inquiry log ---------------------------------------------------------------
    "audit_log": Access(ONLY_AUDITOR),
    "audit_report_csv": Access(ONLY_AUDITOR),
    "audit_report_pdf": Access(None, ONLY_AUDITOR),
    "inquiry_list": Access(READERS),
    "inquiry_create": Access(CASEWORK, CASEWORK),
    "inquiry_edit": Access(CASEWORK, CASEWORK),
    "inquiry_print": Access(READERS),
    "inquiry_log_pdf": Access(None, READERS),
}
