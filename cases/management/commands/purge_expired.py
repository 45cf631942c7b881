from django.db import transaction

from cases.management.base import ActorCommand
from cases.qualification.list_retention import list_unmatched_erase
from cases.registry.retention import retention_dates_refresh, retention_purge


class Command(ActorCommand):
    help = "保存期限を過ぎた個人番号と、勧奨の一覧の該当なしの行の氏名等を消去します (--dry-run で対象の確認のみ)。"
    # The nightly job an administrator schedules, run by hand: the same right as its schedule.
    permission = "django_celery_beat.change_periodictask"
    purpose = "保存期限の経過による消去 (コマンド)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="消去せず、対象だけを表示する")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        with transaction.atomic():
            # A dry run lists what a real run would purge, retention ends it would set included, and
            # leaves everything as it was: the dates it sets are rolled back.
            retention_dates_refresh()
            candidates = retention_purge(dry_run=dry_run, by=self.actor)
            erased = list_unmatched_erase(dry_run=dry_run, by=self.actor)
            if dry_run:
                transaction.set_rollback(True)
        self.audit_detail = {"dry_run": dry_run, "count": len(candidates), "unmatched_rows": erased}
        verb = "消去対象" if dry_run else "消去しました"
        for c in candidates:
            self.stdout.write(f"{verb}: 宛名番号 {c.atena_no} (保存期限 {c.retention_until:%Y-%m-%d})")
        self.stdout.write(f"{verb}: 個人番号 計 {len(candidates)} 件")
        self.stdout.write(f"{verb}: 勧奨の一覧の該当なしの行の氏名等 {erased} 行")
