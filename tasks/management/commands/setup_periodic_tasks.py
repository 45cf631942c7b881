from django.core.management.base import BaseCommand

from tasks.beat import periodic_tasks_sync


class Command(BaseCommand):
    help = "定期処理 (Celery beat) を登録します。既存の設定は --reset を付けない限り変更しません。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reset", action="store_true", help="管理者の変更を破棄して既定値に戻す")

    def handle(self, *args, reset: bool = False, **options) -> None:
        created = periodic_tasks_sync(reset=reset)
        self.stdout.write("登録: " + ("、".join(created) if created else "追加なし"))
