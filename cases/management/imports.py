"""The shared body of ``import_residents`` and ``import_income``, and the file check ``import_results``
shares with them."""

import time
from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cases.management.base import ActorCommand
from cases.registry.imports.batches import importbatch_run_file
from cases.security.models.audit import AuditAction


def import_file_path(value: str) -> Path:
    """The CSV file named on the command line, or a message saying what the path is instead."""
    path = Path(value)
    if path.is_dir():
        raise CommandError(f"{path} はディレクトリです。取り込む CSV ファイルを指定してください。")
    if not path.exists():
        raise CommandError(f"ファイルが見つかりません: {path}")
    if not path.is_file():
        raise CommandError(
            f"{path} は通常のファイルではありません。取り込む CSV ファイルを指定してください。"
        )
    try:
        path.open("rb").close()
    except PermissionError as exc:
        # Another account's file: said here, before a batch is opened for it (it was a traceback).
        raise CommandError(
            f"{path} を読み取る権限がありません。このコマンドを実行するユーザーが読めるようにしてください。"
        ) from exc
    return path


class ImportCommand(ActorCommand):
    kind = ""
    # The same right as the upload screen (/imports/).
    permission = "cases.import_records"
    audit_action = AuditAction.IMPORT

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV ファイル (UTF-8 または CP932)")

    def handle(self, *args, **options) -> None:
        path = import_file_path(options["file"])
        started = time.perf_counter()
        batch, errors = importbatch_run_file(kind=self.kind, path=path, user=self.actor)
        elapsed = time.perf_counter() - started
        self.audit_detail = {"batch_id": batch.pk, "kind": self.kind, "errors": len(errors)}
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"取込を中止しました: エラー {len(errors)}件 (何も取り込んでいません, 取込番号 {batch.pk})"
            )
        self.audit_detail.update(
            rows=batch.total_rows, inserted=batch.inserted, updated=batch.updated, unchanged=batch.unchanged
        )
        self.stdout.write(
            f"取込完了 (取込番号 {batch.pk}): {batch.total_rows}行 — 新規 {batch.inserted}件, "
            f"更新 {batch.updated}件, 変更なし {batch.unchanged}件 ({elapsed:.1f}秒, {batch.encoding})"
        )
