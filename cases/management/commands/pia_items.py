from django.core.management.base import BaseCommand

from cases.security.pia_items import pia_markdown


class Command(BaseCommand):
    help = (
        "評価書 別添1 に掲げられていない記録項目と各モデルの対応 (docs/security/pia-records.md) を "
        "cases/security/pia_items.py から出力します。"
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(pia_markdown(), ending="")
