from cases.management.base import ActorCommand
from tasks.beat import periodic_tasks_sync


class Command(ActorCommand):
    help = "定期処理 (Celery beat) を登録します。既存の設定は --reset を付けない限り変更しません。"
    # The same right as the schedules' admin screen.
    permission = "django_celery_beat.change_periodictask"
    purpose = "定期処理の登録"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reset", action="store_true", help="管理者の変更を破棄して既定値に戻す")

    def handle(self, *args, reset: bool = False, **options) -> None:
        written = periodic_tasks_sync(reset=reset)
        if reset:
            self.audit_detail = {"reset": True, "restored": written}
            self.stdout.write(
                "既定値に戻しました: " + ("、".join(written) if written else "なし (すべて既定値のままです)")
            )
        else:
            self.audit_detail = {"reset": False, "created": written}
            self.stdout.write("登録: " + ("、".join(written) if written else "追加なし"))
