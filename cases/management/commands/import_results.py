"""python manage.py import_results FILE --user USERID — 日本年金機構の処理結果一覧表を取り込む."""

import time
from pathlib import Path

from django.core.management.base import CommandError, CommandParser

from cases.management.base import ActorCommand
from cases.registry.imports.errors import ImportRejected
from cases.submission.results import results_import


class Command(ActorCommand):
    help = "日本年金機構の処理結果一覧表 (CSV) を取り込み、送付済の案件と突合します。"
    permission = "cases.import_results"
    purpose = "処理結果一覧表の取込"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV ファイル (UTF-8 または CP932)")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"ファイルが見つかりません: {path}")
        started = time.perf_counter()
        try:
            result = results_import(filename=path.name, data=path.read_bytes(), by=self.actor)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"取込を中止しました: エラー {len(exc.errors)}件 (何も取り込んでいません)"
            ) from exc
        self.audit_detail = {"result_import_id": result.pk, "already_imported": result.already_imported}
        if result.already_imported:
            self.stdout.write(
                f"取込済み (取込番号 {result.pk}, {result.imported_at:%Y-%m-%d %H:%M}): "
                "同じファイルは取り込み済みです。何も変更していません。"
            )
            return
        self.stdout.write(
            f"取込完了 (取込番号 {result.pk}): {result.total_lines}行 — 突合済 {result.matched}件, "
            f"突合の不一致 {result.discrepancies}件 ({time.perf_counter() - started:.1f}秒)"
        )
