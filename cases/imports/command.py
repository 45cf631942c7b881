"""The shared body of ``import_residents`` and ``import_income``."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.models import User
from cases.services.imports import importbatch_run_file


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV ファイル (UTF-8 または CP932)")
        parser.add_argument("--user", help="実行者として記録する職員のユーザーID")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"ファイルが見つかりません: {path}")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"職員が見つかりません: {options['user']}")
        started = time.perf_counter()
        batch, errors = importbatch_run_file(kind=self.kind, path=path, user=user)
        elapsed = time.perf_counter() - started
        if errors:
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"取込を中止しました: エラー {len(errors)}件 (何も取り込んでいません, 取込番号 {batch.pk})"
            )
        self.stdout.write(
            f"取込完了 (取込番号 {batch.pk}): {batch.total_rows}行 — 新規 {batch.inserted}件, "
            f"更新 {batch.updated}件, 変更なし {batch.unchanged}件 ({elapsed:.1f}秒, {batch.encoding})"
        )
