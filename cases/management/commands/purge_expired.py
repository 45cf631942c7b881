from django.core.management.base import BaseCommand

from cases.services.retention import retention_dates_refresh, retention_purge


class Command(BaseCommand):
    help = "保存期限を過ぎた個人番号を消去します (--dry-run で対象の確認のみ)。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="消去せず、対象だけを表示する")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        retention_dates_refresh()
        candidates = retention_purge(dry_run=dry_run)
        verb = "消去対象" if dry_run else "消去しました"
        for c in candidates:
            self.stdout.write(f"{verb}: 宛名番号 {c.atena_no} (保存期限 {c.retention_until:%Y-%m-%d})")
        self.stdout.write(f"{verb}: 計 {len(candidates)} 件")
