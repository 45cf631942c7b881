"""Every periodic job in one list. Rows are created in django-celery-beat's tables, where admins can
see and edit them; a later deploy never overwrites an admin's edit (use --reset to restore these)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Schedule:
    name: str
    task: str
    crontab: str  # minute hour day_of_month month_of_year day_of_week, Asia/Tokyo
    description: str


SCHEDULES = (
    # https://crontab.guru/#0_3_*_*_* — every night at 03:00
    Schedule(
        "保存期限による個人番号の消去",
        "cases.retention_purge",
        "0 3 * * *",
        "保存期限を過ぎた個人番号を消去し記録",
    ),
    # https://crontab.guru/#7-59/10_*_*_*_* — every ten minutes, off the other sweeps' minutes
    Schedule(
        "帳票作成の再実行",
        "documents.render_pending",
        "7-59/10 * * * *",
        "作成待ちのまま残った帳票を作成し直す",
    ),
    # https://crontab.guru/#0_8-18_*_*_1-5 — every hour of the office day
    Schedule(
        "期限の監視 (決裁遅延・書類督促)",
        "cases.deadlines",
        "0 8-18 * * 1-5",
        "決裁待ち3業務日超過の通知と書類提出期限の督促",
    ),
    # https://crontab.guru/#*/10_*_*_*_* — every ten minutes
    Schedule(
        "所得情報添付の再実行",
        "cases.income_attach_pending",
        "*/10 * * * *",
        "添付処理が止まった案件を再実行",
    ),
    # https://crontab.guru/#5-59/10_*_*_*_* — every ten minutes, off the attachment sweep's minute
    Schedule(
        "処理結果のフロー反映の再実行",
        "cases.results_flows_pending",
        "5-59/10 * * * *",
        "処理結果を取り込んだのに結果待ちのまま残った案件のフローを完了",
    ),
    # https://crontab.guru/#17_*_*_*_* — every hour, off the other sweeps' minutes
    Schedule(
        "中断した取込ファイルの削除",
        "imports.sweep_abandoned",
        "17 * * * *",
        "処理が止まったまま時間が経った取込の一時ファイル (個人番号を含みうる) を削除する",
    ),
    # https://crontab.guru/#30_2_*_*_* — daily at 02:30, before the office opens
    Schedule(
        "パスワード期限切れアカウントの失効",
        "security.accounts_disable_expired",
        "30 2 * * *",
        "有効期限後の猶予期間内にパスワードを変更しなかったユーザーIDを失効させる",
    ),
    # https://crontab.guru/#30_6_*_*_* — every morning at 06:30, before the office opens
    Schedule(
        "個人番号の表示件数の監視",
        "security.reveal_report",
        "30 6 * * *",
        "前日の個人番号の表示件数が通常と異なる職員を監査担当に通知する",
    ),
    # https://crontab.guru/#55_23_*_*_* — every day at 23:55, the day's last entries included
    Schedule(
        "アクセス記録の先頭のアンカー",
        "security.audit_anchor",
        "55 23 * * *",
        "アクセス記録の先頭ハッシュに署名してデータベースの外 (追記専用のファイル) に記録する",
    ),
    # https://crontab.guru/#0_15_*_*_1-5 — weekdays at 15:00; the job builds only on the week's cut-off
    # day (its Friday, or the last open day before a closed Friday) and finds that bundle if run again.
    Schedule(
        "週次送付の作成 (日本年金機構)",
        "bundles.build_weekly",
        "0 15 * * 1-5",
        "締切日 (金曜。閉庁日なら前の開庁日) の15:00までに決裁された送付待ちの案件で今週の送付 (作成中) を"
        "作り、ZIPを作成",
    ),
)
