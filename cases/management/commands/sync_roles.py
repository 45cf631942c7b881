from django.core.management.base import BaseCommand

from cases.roles import ROLES, roles_sync


class Command(BaseCommand):
    help = "役割 (グループ) と権限を cases/roles.py の表のとおりに作成・更新します。"

    def handle(self, *args, **options) -> None:
        roles_sync()
        for role in ROLES:
            self.stdout.write(f"{role.group}: {len(role.permissions)} 権限")
