from django.core.management.base import BaseCommand

from cases.management.access_matrix_doc import access_matrix_markdown


class Command(BaseCommand):
    help = "アクセス権限の一覧 (docs/security/access-matrix.md) を cases/security/access_matrix.py から出力します。"

    def handle(self, *args, **options) -> None:
        self.stdout.write(access_matrix_markdown(), ending="")
