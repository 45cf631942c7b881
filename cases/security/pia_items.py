"""What the product keeps about a person, set against the city's privacy impact assessment
(特定個人情報保護評価書, 別添1 特定個人情報ファイル記録項目 and 別添2).

Every field of every model that holds a person's data is in exactly one of four groups, and every
other model of the app is named with what it records (tests/security/test_pia_items.py walks the
models, so a new field or model cannot be added without saying which it is). The items 別添1 does not
name are listed with the reason the work needs them: the city amends its 評価書 with them
(`manage.py pia_items` prints the list; docs/security/pia-records.md is its output).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Items:
    # Named in 別添1 (or 別添2, or II-2④'s 主な記録項目): field → the item as the 評価書 words it.
    listed: dict[str, str] = field(default_factory=dict)
    # Not named in 別添1: field → (the item, why the work needs it, with its article).
    added: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The office's handling of the record (dates, stage, who, links, retention): space-separated.
    handling: str = ""
    # Another form of a listed item (search keys, digests, the sealed number's key and hash).
    derived: str = ""

    def fields(self) -> list[str]:
        return [*self.listed, *self.added, *self.handling.split(), *self.derived.split()]


_STUDENT = "則77条の4第1項 (学生納付特例の申請書: 在学する大学等の名称)"
_JOB_LOSS = "則77条2項4号 (失業等による免除: 離職票等), 則77条の4"
_DISASTER = "則77条の7第1号, 則77条2項4号ロ (災害による免除: 損害を明らかにする書類)"
_BIRTH = "則73条の7 (産前産後の届出: 出産の予定日、出産の日)"
_CLAIM = "則31条1項4号 (障害基礎年金の裁定請求書: 傷病名、初診日、治つた年月日)"
_CLAIM_PAPERS = "則31条2項 (裁定請求書に添える書類: 診断書、初診日を明らかにする書類)"
_VOLUNTARY = "則2条 (任意加入の申出書: 加入期間、国内に住所がない者の事項)"
_COUNTER = "番号法16条 (本人確認の措置), 法12条1項の届出を代理人が行う場合の確認"

PERSON: dict[str, Items] = {
    "Resident": Items(
        listed={
            "atena_no": "宛名情報 宛名番号",
            "kana_name": "宛名情報 カナ氏名",
            "kanji_name": "宛名情報 漢字氏名",
            "birth_date": "宛名情報 生年月日",
            "sex": "宛名情報 性別",
            "is_householder": "宛名情報 世帯主",
            "relationship": "宛名情報 続柄",
            "address": "宛名情報 現住所",
            "previous_address": "宛名情報 前住所",
            "address_before_move_in": "宛名情報 転入前住所",
            "address_after_move_out": "宛名情報 転出先住所",
            "resided_on": "宛名情報 住定日",
            "removed_on": "宛名情報 消除日",
            "changed_on": "宛名情報 異動日",
            "change_reason": "宛名情報 異動事由",
            "nationality": "宛名情報 国籍",
        },
        added={
            "household_no": (
                "世帯番号 (別添1 は所得情報にのみ掲げる)",
                "免除の所得審査で世帯主・配偶者を特定するため (法90条1項各号: 世帯主又は配偶者の所得)",
            )
        },
        handling="created_at updated_at retention_until use_suspended_on use_suspended_case",
        derived="kana_search kanji_search row_digest line_digest",
    ),
    "ResidentHistory": Items(
        listed={
            "snapshot": "宛名情報 (異動前の各項目)",
            "changed_on": "宛名情報 異動日",
            "change_reason": "宛名情報 異動事由",
        },
        handling="resident recorded_at batch",
    ),
    "MyNumber": Items(
        listed={"ciphertext": "識別情報 個人番号 (II-2④ 主な記録項目; 暗号化して保管)"},
        handling="resident registered_at retention_until purged_at",
        derived="key_id lookup_hash",
    ),
    "PensionRecord": Items(
        listed={
            "resident": "年金基本情報 宛名番号",
            "basic_pension_no": "年金基本情報 基礎年金番号",
            "phone": "年金基本情報 電話番号",
            "old_pension_no": "年金基本情報 旧年金番号",
            "special_notes": "年金基本情報 特記情報",
        },
        handling="created_at updated_at",
    ),
    "Qualification": Items(
        listed={
            "pension": "資格情報 基礎年金番号",
            "insured_kind": "資格情報 被保険者種別",
            "acquired_on": "資格情報 資格取得日",
            "acquired_filed_on": "資格情報 資格取得届出日",
            "acquired_reason": "資格情報 資格取得理由",
            "lost_on": "資格情報 資格喪失日",
            "lost_filed_on": "資格情報 資格喪失届出日",
            "lost_reason": "資格情報 資格喪失理由",
            "elderly_voluntary": "資格情報 高齢任意加入",
        },
        handling="updated_at",
    ),
    "AdditionalPension": Items(
        listed={
            "kind": "付加年金情報 付加種別",
            "joined_on": "付加年金情報 付加加入日",
            "joined_filed_on": "付加年金情報 付加加入届出日",
            "left_on": "付加年金情報 付加脱退日",
            "left_filed_on": "付加年金情報 付加脱退届出日",
        },
        handling="pension updated_at",
    ),
    "Exemption": Items(
        listed={
            "pension": "免除情報 基礎年金番号",
            "received_on": "免除情報 受付日",
            "kind": "免除情報 免除種類",
            "start_on": "免除情報 免除該当日",
            "reason": "免除情報 免除該当理由",
            "end_on": "免除情報 免除終了日",
            "end_reason": "免除情報 免除消滅理由",
            "sent_on": "免除情報 送付日",
            "decision": "免除情報 判定結果",
            "decided_on": "免除情報 判定日",
            "is_statutory": "免除情報 法定免除",
            "statutory_code": "免除情報 法定免除コード",
            "reference_no": "免除情報 整理番号",
            "graduation_month": "免除情報 学生卒業予定年月",
        },
        handling="created_at updated_at case",
    ),
    "IncomeRecord": Items(
        listed={
            "personal_code": "所得情報 個人コード",
            "tax_year": "所得情報 賦課年度",
            "household_no": "所得情報 世帯番号",
            "revised_on": "所得情報 市民税更生日",
            "total_income": "所得情報 前年所得額",
            "self_disability": "所得情報 本人障害者",
            "self_widow": "所得情報 本人寡婦",
            "spouse_general": "所得情報 一般控除対象配偶者",
            "spouse_elderly": "所得情報 老人控除対象配偶者",
            "dependants_general": "所得情報 一般扶養親族数",
            "dependants_elderly": "所得情報 老人扶養親族数",
            "dependants_specified": "所得情報 特定扶養親族数",
            "widow_deduction": "所得情報 寡婦(夫)控除",
            "widow_special_deduction": "所得情報 寡婦特別控除",
            "single_parent_deduction": "所得情報 ひとり親控除 (別添2)",
            "disability_count": "所得情報 障害者控除人数",
            "disability_deduction": "所得情報 障害者控除",
            "special_disability_count": "所得情報 特別障害者控除人数",
            "special_disability_deduction": "所得情報 特別障害者控除",
            "working_student_deduction": "所得情報 勤労学生控除",
            "casualty_loss_deduction": "所得情報 雑損控除",
            "medical_deduction": "所得情報 医療費控除",
            "social_insurance_deduction": "所得情報 社会保険料控除",
            "small_business_mutual_aid_deduction": "所得情報 小規模企業共済等掛金控除",
            "spouse_special_deduction": "所得情報 配偶者特別控除",
            "specified_relative_special_deduction": "所得情報 特定親族特別控除 (別添2)",
            "net_loss_carryover": "所得情報 純損失及び雑損失",
        },
        added={
            "dependants_aged16to18": (
                "一般扶養親族数のうち19歳未満",
                "免除の所得基準で扶養親族を数えるため (令5条の4, 6条の7〜6条の9の2)",
            ),
            "dependants_under16": (
                "年少扶養親族数",
                "免除の所得基準で扶養親族を数えるため (令5条の4, 6条の7〜6条の9の2)",
            ),
            "beef_cattle_exempt_income": (
                "肉用牛売却免除所得",
                "部分免除・学生納付特例の所得から差し引くため (令6条の12第2項3号)",
            ),
        },
        handling="created_at updated_at",
        derived="row_digest line_digest",
    ),
    "Case": Items(
        listed={
            "resident": "宛名情報 宛名番号",
            "sent_kana_name": "宛名情報 カナ氏名 (機構へ送る表記)",
            "sent_kanji_name": "宛名情報 漢字氏名 (機構へ送る表記)",
            "sent_address": "宛名情報 現住所 (機構へ送る表記)",
            "number": "免除情報 整理番号",
            "received_on": "免除情報 受付日",
            "sent_on": "免除情報 送付日",
        },
        handling=(
            "created_at updated_at case_type intake_key stage stage_since office received_by inputter "
            "cross_checker approver process send_due_on decision_due_on documents_due_on "
            "documents_reminded_at approval_escalated_at closed_at"
        ),
    ),
    "CounterRecord": Items(
        added={
            "requester": ("届出・申請をした者 (本人・代理人)", _COUNTER),
            "agent_name": ("代理人の氏名", _COUNTER),
            "agent_relationship": ("代理人との関係", _COUNTER),
            "power_of_attorney": ("委任状の有無", _COUNTER),
            "identity_documents": ("提示された本人確認書類の種類", _COUNTER),
            "identity_note": ("本人確認の備考", _COUNTER),
        },
        handling="created_at updated_at case",
    ),
    "ChecklistItem": Items(
        handling=(
            "created_at updated_at case code label label_text required position state due_on note note_text"
            " updated_by"
        ),
    ),
    "ExemptionApplication": Items(
        listed={
            "kinds": "免除情報 免除種類 (申請の希望順)",
            "fiscal_year": "免除情報 (申請年度)",
            "period_start": "免除情報 免除該当日 (申請の期間)",
            "period_end": "免除情報 免除終了日 (申請の期間)",
            "graduation_month": "免除情報 学生卒業予定年月",
            "statutory_ground": "免除情報 法定免除コード",
            "statutory_since": "免除情報 免除該当日 (法定免除)",
            "special_ground": "免除情報 免除該当理由",
            "spouse": "宛名情報 (配偶者の宛名番号)",
            "householder": "宛名情報 (世帯主の宛名番号)",
            "income_attachment": "所得情報 (審査に添付した各項目)",
        },
        added={
            "is_student": ("学生であること", _STUDENT),
            "school_name": ("在学する学校の名称", _STUDENT),
            "job_loss_person": ("失業等の特例の対象者", _JOB_LOSS),
            "job_loss_date": ("離職日等", _JOB_LOSS),
            "job_loss_evidence": ("失業等を明らかにする書類の種類", _JOB_LOSS),
            "disaster_date": ("災害の発生日", _DISASTER),
            "disaster_damage": ("災害による財産の損害の程度 (おおむね2分の1以上か)", _DISASTER),
            "disaster_evidence": ("災害による損害を明らかにする書類の種類", _DISASTER),
            "expected_birth_date": ("出産予定日", _BIRTH),
            "actual_birth_date": ("出産日", _BIRTH),
            "multiple_birth": ("多胎妊娠", _BIRTH),
            "continuation": ("継続して申請を行う旨", "則77条3項, 77条の5第3項 (継続申請の申出)"),
            "declared_kana_name": (
                "申請書に書かれたカナ氏名",
                "照合で住民記録と比べるため (II-3⑤ 情報の突合)",
            ),
            "declared_kanji_name": (
                "申請書に書かれた漢字氏名",
                "照合で住民記録と比べるため (II-3⑤ 情報の突合)",
            ),
            "declared_birth_date": (
                "申請書に書かれた生年月日",
                "照合で住民記録と比べるため (II-3⑤ 情報の突合)",
            ),
            "declared_address": ("申請書に書かれた住所", "照合で住民記録と比べるため (II-3⑤ 情報の突合)"),
            "remarks": (
                "備考 (自由記述)",
                "申請の受理・審査の記録 (評価書 II-3⑤ 使用方法; 個人番号は記載できない)",
            ),
        },
        handling="created_at updated_at case household_confirmed income_attached_at",
    ),
    "DisabilityClaim": Items(
        added={
            "first_visit_on": ("初診日", _CLAIM),
            "first_clinic": ("初診の医療機関", _CLAIM_PAPERS),
            "congenital": ("先天性の障害である旨", _CLAIM),
            "certifying_clinic_differs": ("初診と診断書の医療機関が異なる旨", _CLAIM_PAPERS),
            "status_at_first_visit": ("初診日の加入状況", "法30条1項 (初診日に被保険者等であること)"),
            "resident_in_japan": ("初診日に国内に住所を有した旨", "法30条1項2号"),
            "previously_insured": ("初診日前に被保険者であつた旨", "法30条1項2号"),
            "early_old_age_claimed": ("老齢基礎年金の繰上げ請求の有無", "法30条の2, 法附則9条の2の3"),
            "merged": ("前後の障害の併合の有無", "法31条"),
            "conditions": ("傷病名 (健康・医療関係情報)", _CLAIM),
            "certificate_forms": ("診断書の様式", _CLAIM_PAPERS),
            "special_event": ("20歳前の傷病等の事由", "法30条の4"),
            "special_event_on": ("その事由の日", "法30条の4"),
            "cured_on": ("傷病が治つた日", _CLAIM),
            "claim_basis": ("請求の事由 (障害認定日・事後重症等)", "法30条, 30条の2, 30条の3"),
            "other_first_visit_on": ("その他障害の初診日", "則31条 (その他障害の初診日)"),
            "standard_graded_on": ("基準障害の認定日", "法30条の3"),
            "children": ("加算対象の子の数", "法33条の2 (子の加算)"),
            "remarks": (
                "備考 (自由記述)",
                "請求の受理・審査の記録 (評価書 II-3⑤ 使用方法; 個人番号は記載できない)",
            ),
            "grade": ("障害等級 (機構の決定)", "法30条2項; 結果の突合 (II-3⑤)"),
            "decision": ("機構の決定", "結果の突合 (II-3⑤)"),
            "decided_on": ("決定日", "結果の突合 (II-3⑤)"),
        },
        handling=(
            "created_at updated_at case office_route route route_reason recognition_on recognition_basis "
            "claim_kind payment_start_month assessment certificates contribution contribution_checked_at"
        ),
    ),
    "QualificationFiling": Items(
        listed={
            "kind": "資格情報 (届出の種類)",
            "insured_kind_before": "資格情報 被保険者種別 (変更前)",
            "insured_kind_after": "資格情報 被保険者種別 (変更後)",
            "effective_on": "資格情報 資格取得日・資格喪失日",
            "filed_on": "資格情報 資格取得届出日・資格喪失届出日",
            "acquired_reason": "資格情報 資格取得理由",
            "lost_reason": "資格情報 資格喪失理由",
            "route": "資格情報 高齢任意加入",
            "additional_month": "付加年金情報 付加加入日・付加脱退日",
        },
        added={
            "event": ("届出の事由", "則1条の4, 3条, 4条, 6条の2 (届書の記載事項: 事由と年月日)"),
            "event_date": ("事由の年月日", "則1条の4, 3条, 4条, 6条の2"),
            "late_reason": ("届出が遅れた理由", "法12条 (14日以内の届出), 則1条の4"),
            "japanese_national": ("日本国籍の有無", _VOLUNTARY),
            "old_age_entitled": ("老齢給付等の受給権の有無", "法附則5条1項 (任意加入の要件)"),
            "early_claimed": ("繰上げ請求の有無", "法附則5条1項, 法附則9条の2"),
            "paid_months": ("保険料納付済期間等の月数", _VOLUNTARY),
            "payment_method": ("納付方法", "法附則5条2項 (口座振替納付)"),
            "payment_reason": ("口座振替によらない事由", "則2条の2"),
            "pension_fund_member": ("国民年金基金の加入員である旨", "則15条5号 (原簿の記載事項), 法87条の2"),
            "paid_through": ("納付済の月", "法87条の2 (付加保険料)"),
            "remarks": (
                "備考 (自由記述)",
                "届出の受理・審査の記録 (評価書 II-3⑤ 使用方法; 個人番号は記載できない)",
            ),
        },
        handling=("created_at updated_at case solicited effective_basis deadline_on deadline_status doubts"),
    ),
    "QualificationListRow": Items(
        listed={
            "basic_pension_no": "年金基本情報 基礎年金番号",
            "atena_no": "宛名情報 宛名番号",
            "kana_name": "宛名情報 カナ氏名",
            "birth_date": "宛名情報 生年月日",
            "event_date": "資格情報 資格喪失日 (厚生年金等の資格喪失)",
        },
        added={
            "employer": (
                "事業所名 (雇用・労働関係情報)",
                "勧奨の一覧 (厚生年金の資格喪失者等) の行を本人と照らすため (法12条1項の届出の勧奨)",
            ),
            "letter_content": ("勧奨通知の内容", "送った通知の記録 (法12条1項の届出の勧奨)"),
            "letter_note": ("勧奨通知の備考", "送った通知の記録 (法12条1項の届出の勧奨)"),
        },
        handling=(
            "qualification_list line_no resident status reason_text reason case letter letter_no "
            "letter_document_id erased_at"
        ),
    ),
    "ResidentRequest": Items(
        added={
            "content": ("請求の内容", "個人情報保護法76条以降 (開示・訂正・利用停止の請求) — 評価書 IV"),
            "granted": ("請求への決定", "個人情報保護法82条, 93条, 101条 — 評価書 IV"),
            "handling_note": ("対応の記録", "評価書 IV"),
            "refusal_reason": ("不開示等の理由", "個人情報保護法82条2項 — 評価書 IV"),
            "correction_old_value": ("訂正前の値", "個人情報保護法93条 — 評価書 IV"),
            "correction_new_value": ("訂正後の値", "個人情報保護法93条 — 評価書 IV"),
            # The same values as the system's sentences (a code's label, a date), worded on screens.
            "correction_old_value_text": ("訂正前の値 (文)", "個人情報保護法93条 — 評価書 IV"),
            "correction_new_value_text": ("訂正後の値 (文)", "個人情報保護法93条 — 評価書 IV"),
            "outcome": ("回答した結果", "評価書 IV"),
        },
        handling=(
            "created_at updated_at case correction_record correction_field correction_label "
            "correction_label_text suspension_scope mynumber_approved_by mynumber_approved_at mynumber_approval_reason answered_on"
        ),
    ),
    "Inquiry": Items(
        added={
            "requester": ("問合せをした者", "評価書 IV 2 (特定個人情報ファイルの取扱いに関する問合せ)"),
            "subject": ("問合せの件名", "評価書 IV 2"),
            "detail": ("問合せの内容", "評価書 IV 2"),
            "outcome": ("対応の結果", "評価書 IV 2"),
        },
        handling="received_at channel handler closed_at office request_key",
    ),
    "RecordCorrection": Items(
        added={
            "old_value": ("訂正前の値", "個人情報保護法93条 (訂正請求) による訂正の記録 — 評価書 IV"),
            "new_value": ("訂正後の値", "個人情報保護法93条 — 評価書 IV"),
            # The same values as the system's sentences (a code's label, a date), worded on screens.
            "old_value_text": ("訂正前の値 (文)", "個人情報保護法93条 — 評価書 IV"),
            "new_value_text": ("訂正後の値 (文)", "個人情報保護法93条 — 評価書 IV"),
        },
        handling="case resident record field label label_text applied_by applied_at",
    ),
}

# The app's other models: what each records. None holds an item about a person beyond a link to the
# records above (a case, a resident, a user), the office's handling, or the access record of III-3.
OTHER: dict[str, str] = {
    "WorkerHeartbeat": "ジョブの稼働確認",
    "DisabilityRuleSet": "障害基礎年金の判定に用いる設定値",
    "ScreeningRuleSet": "免除の事前審査に用いる設定値",
    "QualificationRuleSet": "資格届出の判定に用いる設定値",
    "CaseEvent": "事務処理の経過 (受付から結果受領まで)",
    "CaseNumberSequence": "整理番号の採番",
    "QualificationList": "勧奨の一覧の取込 (ファイルの記録)",
    "ImportBatch": "住民記録・所得情報の取込の記録",
    "RevealApproval": "個人番号の表示の承認 (III-3 リスク2)",
    "RevealSuspension": "個人番号の表示の停止 (III-3 リスク2)",
    "SecurityAlert": "不審な操作の警告 (III-3 リスク2)",
    "AuditEntry": "アクセス記録 (III-3 監査: ログ運用)",
    "StaffName": "アクセス記録の職員名",
    "Office": "使用部署 (II-3④)",
    "RoleGrant": "権限の付与 (III-3 リスク2 認可)",
    "InquiryRevision": "問合せ受付簿の訂正の履歴",
    "LoginAttempt": "ログインの記録 (III-3 リスク2 認証)",
    "User": "職員の利用者ID (III-3 リスク2)",
    "BundleItem": "送付 (週1回の提供) に含めた案件",
    "Discrepancy": "処理結果一覧表との突合の不一致 (II-3⑤ 情報の突合)",
    "RegistryTransfer": "住基への移転の記録 (II-5 移転)",
    "ResultImport": "処理結果一覧表の取込の記録",
    "ResultLine": "処理結果一覧表の各行 (機構の判定結果: 免除情報 判定結果・判定日)",
    "SubmissionBundle": "日本年金機構への提供 (II-5 提供先1) の記録",
    "ResultUpload": "処理結果一覧表の確認待ちの取込",
}


def added_items() -> list[tuple[str, str, str, str]]:
    """(model, field, item, reason) of every item 別添1 does not name, in model order."""
    return [
        (model, name, item, reason)
        for model, items in PERSON.items()
        for name, (item, reason) in items.added.items()
    ]


def pia_markdown() -> str:
    """docs/security/pia-records.md: the items to add to 別添1, then what each model is."""
    lines = [
        "# 特定個人情報保護評価書 別添1 と本システムの記録項目",
        "",
        "`python manage.py pia_items > docs/security/pia-records.md` で `cases/security/pia_items.py` から",
        "出力します (tests/security/test_pia_items.py がモデルと食い違うと失敗します)。",
        "",
        "## 別添1 に掲げられていない記録項目",
        "",
        "評価書の再実施 (記録項目の追加) の際に、次の項目とその必要性を別添1 に加えてください。",
        "",
        "| モデル | 項目 | 記録項目 | 必要とする理由・根拠 |",
        "|---|---|---|---|",
    ]
    lines += [f"| {model} | `{name}` | {item} | {reason} |" for model, name, item, reason in added_items()]
    lines += [
        "",
        "## 別添1 の項目との対応",
        "",
        "| モデル | 別添1 の項目 (フィールド) | 事務処理の記録 | 他の項目の別の形 |",
        "|---|---|---|---|",
    ]
    for model, items in PERSON.items():
        listed = "<br>".join(f"{item} (`{name}`)" for name, item in items.listed.items()) or "—"
        handling = ", ".join(f"`{name}`" for name in items.handling.split()) or "—"
        derived = ", ".join(f"`{name}`" for name in items.derived.split()) or "—"
        lines.append(f"| {model} | {listed} | {handling} | {derived} |")
    lines += ["", "## その他のモデル", "", "| モデル | 記録するもの |", "|---|---|"]
    lines += [f"| {model} | {what} |" for model, what in OTHER.items()]
    return "\n".join(lines) + "\n"
