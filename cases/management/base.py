"""Management commands that change data run in a staff member's name, with that member's rights.

``--user USERID`` must name an active user who holds ``permission`` — the same permission the matching
screen asks for — or the command stops before doing anything, with a Japanese message and a non-zero
exit. The run (and a refusal) is written to the access log with that user as the actor, as a screen
would write it.
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.models.users import User


class ActorCommand(BaseCommand):
    permission = ""
    # What the access log calls this run (purpose column). The run is one entry, target
    # "command:<name>"; what the services log about each record comes in addition.
    purpose = ""
    audit_action: str = AuditAction.CHANGE

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--user",
            metavar="USERID",
            help=f"実行者のユーザーID (必須。権限 {self.permission} を持つ有効な職員)",
        )
        return parser

    @property
    def command_name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]

    def actor_from(self, username: str | None) -> User:
        if not username:
            self._refuse("", "no_user")
            raise CommandError(
                f"--user で実行者のユーザーIDを指定してください (この処理には権限 {self.permission} が必要です)。"
            )
        user = User.objects.filter(username=username).select_related("office").first()
        if user is None:
            self._refuse(username, "unknown_user")
            raise CommandError(f"職員が見つかりません: {username}")
        if not user.is_active:
            self._refuse(username, "inactive_user", user)
            raise CommandError(f"ユーザーID {username} は利用停止されているため、実行できません。")
        if not user.has_perm(self.permission):
            self._refuse(username, "no_permission", user)
            raise CommandError(
                f"ユーザーID {username} には、この処理の権限 ({self.permission}) がありません。"
            )
        return user

    def _refuse(self, username: str, reason: str, user: User | None = None) -> None:
        audit_record(
            action=AuditAction.DENIED,
            actor=user,
            username=username[:150],
            target=f"command:{self.command_name}",
            detail={"reason": reason, "permission": self.permission},
        )

    def execute(self, *args, **options):
        self.actor = self.actor_from(options.get("user"))
        # Filled by handle() with counts and ids (never personal data) for the access log.
        self.audit_detail: dict = {}
        outcome = "error"
        try:
            result = super().execute(*args, **options)
            outcome = "ok"
            return result
        finally:
            audit_record(
                action=self.audit_action,
                actor=self.actor,
                target=f"command:{self.command_name}",
                purpose=self.purpose,
                detail={"outcome": outcome, **self.audit_detail},
            )
