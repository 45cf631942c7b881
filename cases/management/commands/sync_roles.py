from cases.management.base import ActorCommand
from cases.security.roles import ROLES, roles_sync


class Command(ActorCommand):
    help = "役割 (グループ) と権限を cases/security/roles.py の表のとおりに作成・更新します。"
    # Roles are given to users in the admin's user screen: the same right.
    permission = "cases.change_user"
    purpose = "役割と権限の同期"

    def handle(self, *args, **options) -> None:
        roles_sync()
        self.audit_detail = {"roles": {role.code: len(role.permissions) for role in ROLES}}
        for role in ROLES:
            self.stdout.write(f"{role.group}: {len(role.permissions)} 権限")
