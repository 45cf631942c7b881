from django.core.management.base import BaseCommand, CommandError

from cases.security.audit import audit_chain_verify


class Command(BaseCommand):
    help = "アクセス記録のハッシュ連鎖を検証し、最初に壊れている箇所を報告します。"

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--expect-head",
            help="前回の検証で控えた先頭ハッシュ。末尾の削除 (記録の切り詰め) も検出します。",
        )

    def handle(self, *args, expect_head: str | None = None, **options) -> None:
        result = audit_chain_verify(expect_head=expect_head)
        if not result.ok:
            where = f"ID {result.broken_id}" if result.broken_id else "末尾"
            raise CommandError(
                f"改ざんを検出しました: {where} — {result.reason} (検証済み {result.checked} 件)"
            )
        self.stdout.write(f"正常: {result.checked} 件を検証しました。先頭ハッシュ: {result.head}")
