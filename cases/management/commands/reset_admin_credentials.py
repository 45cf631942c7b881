import getpass

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from cases.management.base import ActorCommand
from cases.security.credential_resets import password_reset
from cases.security.models.users import User
from cases.security.totp import totp_disable


class Command(ActorCommand):
    help = (
        "ロックアウトされたシステム管理者 (またはスーパーユーザー) のパスワードを再設定し、二要素認証を解除します"
        " (管理サイトでは、管理者のものはできません)。--user には別のシステム管理者を指定します。"
    )
    # The admin site's right to change accounts; the second administrator is the one named by --user.
    permission = "cases.change_user"
    purpose = "管理者の認証情報の再設定 (サーバー)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="再設定するユーザーID")
        parser.add_argument("--password", action="store_true", help="仮パスワードを設定 (入力を求めます)")
        parser.add_argument("--totp", action="store_true", help="二要素認証を解除 (端末の紛失時)")

    def handle(self, *args, username: str, password: bool, totp: bool, **options) -> None:
        if not (password or totp):
            raise CommandError("--password と --totp の少なくとも一方を指定してください。")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"職員が見つかりません: {username}")
        if user.pk == self.actor.pk:
            # The point of the command is a second person: nobody resets their own credentials here.
            self._refuse(self.actor.username, "same_person", self.actor)
            raise CommandError(
                "--user には再設定する本人ではなく、別のシステム管理者のユーザーIDを指定してください。"
            )
        self.audit_detail = {"username": user.username, "password": password, "totp": totp}
        if password:
            new = self._password_ask(user)
            password_reset(user=user, by=self.actor, password=new)
            self.stdout.write(
                f"{user.username}: 仮パスワードを設定しました。次回のログインで本人が変更します。"
            )
        if totp and user.totp_enabled:
            totp_disable(user=user, by=self.actor)
            self.stdout.write(f"{user.username}: 二要素認証を解除しました。次回のログインで登録し直します。")
        elif totp:
            self.stdout.write(f"{user.username}: 二要素認証は登録されていません。")

    def _password_ask(self, user: User) -> str:
        # Typed, never an argument: a password on the command line stays in the shell's history.
        first = getpass.getpass("仮パスワード: ")
        if first != getpass.getpass("仮パスワード (確認): "):
            raise CommandError("確認用のパスワードが一致しません。何も変更していません。")
        try:
            password_validation.validate_password(first, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages) + " 何も変更していません。") from exc
        return first
