"""python manage.py rotate_mynumber_key --user USERID — re-seal everything under the keyring's first key."""

from django.core.management.base import CommandError, CommandParser

from cases.management.base import ActorCommand
from cases.security.key_rotation import keys_rotate
from cases.security.sealed_stores import KINDS


class Command(ActorCommand):
    help = (
        # Named from the registered kinds, so a store added later is in the help too.
        f"NENKIN_MYNUMBER_KEYS の先頭の鍵で、{'・'.join(KINDS)} を暗号化し直します。"
        "中断しても再実行で続きから処理します (先頭の鍵のものは飛ばします)。手順: docs/security/key-rotation.md"
    )
    # A システム管理者's task, like the accounts and roles.
    permission = "cases.change_user"
    purpose = "暗号鍵の更新 (再暗号化)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="1トランザクションで処理する行数")

    def handle(self, *args, batch_size: int = 500, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size には 1 以上を指定してください。")
        shown: dict[str, int] = {}

        def progress(kind: str, done: int) -> None:
            if done and done - shown.get(kind, 0) >= batch_size * 10:
                shown[kind] = done
                self.stdout.write(f"  {kind}: {done} 件")

        report = keys_rotate(batch_size=batch_size, progress=progress)
        self.audit_detail = report.as_dict()
        self.stdout.write(f"暗号化に使う鍵: {report.key_id}")
        for kind in KINDS:
            moved = report.rotated.get(kind) or {}
            parts = [f"{old} → {report.key_id}: {count}件" for old, count in sorted(moved.items())]
            line = "、".join(parts) if parts else "再暗号化なし"
            self.stdout.write(f"{kind}: {line} (処理済み {report.current[kind]}件)")
            for old, count in sorted((report.failed.get(kind) or {}).items()):
                self.stderr.write(f"{kind}: 鍵 {old} のもの {count}件を開けませんでした")
        if report.failed_total:
            raise CommandError(
                f"{report.failed_total}件を再暗号化できませんでした。古い鍵を鍵リングから外さず、"
                "原因 (鍵の不足・ファイルの欠落) を確認してから再実行してください。"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"完了: {report.rotated_total}件を再暗号化しました。古い鍵は鍵リングから外せます。"
                if report.rotated_total
                else "完了: すべて先頭の鍵で暗号化済みです。"
            )
        )
