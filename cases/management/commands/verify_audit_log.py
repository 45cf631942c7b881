from django.core.management.base import BaseCommand, CommandError

from cases.security.audit import audit_chain_verify
from cases.security.audit_anchor import AnchorError, anchor_path, audit_anchor_check


class Command(BaseCommand):
    help = (
        "アクセス記録のハッシュ連鎖 (鍵付き) を検証し、データベースの外に記録したアンカーと照合して、"
        "最初に壊れている箇所を報告します。"
    )

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
        try:
            anchor = audit_anchor_check()
        except AnchorError as exc:
            raise CommandError(
                f"改ざんを検出しました: アンカーとの照合 — {exc} (検証済み {result.checked} 件)"
            ) from exc
        self.stdout.write(f"正常: {result.checked} 件を検証しました。先頭ハッシュ: {result.head}")
        if anchor is not None:
            self.stdout.write(
                f"アンカー: {anchor.at} 時点の先頭 (ID {anchor.last_id}, {anchor.count} 件) と一致"
            )
        elif anchor_path() is None:
            self.stdout.write("アンカー: 保存先 (NENKIN_AUDIT_ANCHOR_FILE) が未設定のため照合していません")
        else:
            self.stdout.write("アンカー: まだ記録されていません (毎日の定期処理で追記されます)")
