import re

from django.core.management.base import BaseCommand, CommandError

from cases.security.audit import audit_chain_verify
from cases.security.audit_anchor import AnchorError, anchor_path, audit_anchor_check

# Exit codes (also in `--help`, README.md and docs/security/audit-log.md): a broken or cut log is 1,
# what the operator typed is 2, as argparse answers an unknown option — never the same as tampering.
TAMPERED = 1
BAD_USAGE = 2
KEY_MISSING = 3  # the settings lack a key the log names: not checked, not necessarily tampered with
HEAD = re.compile(r"[0-9a-f]{64}")


class Command(BaseCommand):
    help = (
        "アクセス記録のハッシュ連鎖 (鍵付き) を検証し、データベースの外に記録したアンカーと照合して、"
        "最初に壊れている箇所を報告します。"
        "終了コード: 0 正常、1 改ざん・欠落を検出、2 指定の誤り (--expect-head が64桁の16進数でないなど)、"
        "3 記録が使う鍵が NENKIN_AUDIT_KEYS にないため検証できない。"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--expect-head",
            metavar="HASH",
            help="前回の検証で控えた先頭ハッシュ (64桁の16進数)。末尾の削除 (記録の切り詰め) も検出します。",
        )

    def handle(self, *args, expect_head: str | None = None, **options) -> None:
        if expect_head is not None:
            expect_head = _head_or_refuse(expect_head)
        result = audit_chain_verify(expect_head=expect_head)
        if result.missing_key:
            raise CommandError(
                f"検証できません: ID {result.broken_id} 以降の記録は鍵 {result.missing_key} で作られていますが、"
                f"この鍵が NENKIN_AUDIT_KEYS にありません (検証済み {result.checked} 件)。"
                "設定に鍵を加えてから検証し直してください。その鍵を使ったことがないなら、"
                "鍵IDが書き換えられた可能性があります (改ざんとして調べてください)。",
                returncode=KEY_MISSING,
            )
        if not result.ok:
            where = f"ID {result.broken_id}" if result.broken_id else "末尾"
            raise CommandError(
                f"改ざんを検出しました: {where} — {result.reason} (検証済み {result.checked} 件)",
                returncode=TAMPERED,
            )
        try:
            anchor = audit_anchor_check()
        except AnchorError as exc:
            raise CommandError(
                f"改ざんを検出しました: アンカーとの照合 — {exc} (検証済み {result.checked} 件)",
                returncode=TAMPERED,
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


def _head_or_refuse(value: str) -> str:
    """The head hash as an earlier run printed it (case and surrounding spaces aside). Anything else is a
    typing or copying mistake: said so before the log is read, never reported as a missing entry."""
    head = value.strip().lower()
    if not HEAD.fullmatch(head):
        raise CommandError(
            f"--expect-head には、前回の検証が「先頭ハッシュ:」に表示した64桁の16進数 (0-9, a-f) を指定してください"
            f" (指定された値は {len(value.strip())} 文字)。記録は検証していません。",
            returncode=BAD_USAGE,
        )
    return head
