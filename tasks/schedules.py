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
)
