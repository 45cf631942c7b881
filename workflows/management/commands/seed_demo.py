import datetime as dt
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.demo.context import DEFAULT_BATCH_SIZE, DEFAULT_RESIDENTS, DEFAULT_SEED, SeedContext
from cases.demo.report import login_lines, summary_lines
from cases.demo.seeders import SEEDERS, run_seeders
from cases.demo.users import DEMO_PASSWORD
from workflows.demo import seed_cases
from workflows.demo_disability import seed_claims
from workflows.demo_qualification import seed_qualification_cases


class Command(BaseCommand):
    help = (
        "デモ用の職員・住民・年金記録・所得情報を作成します。何度実行しても重複しません。"
        " (Creates demo staff, residents, pension and income records; safe to run again.)"
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--residents", type=int, default=DEFAULT_RESIDENTS, help="住民の人数")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="乱数の種 (同じ値なら同じデータ)")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"住民を何人ずつまとめてデータベースに書き込むか (既定: {DEFAULT_BATCH_SIZE})",
        )
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="基準日 YYYY-MM-DD (既定: 今日)。年齢・賦課年度はこの日で決まる",
        )
        parser.add_argument(
            "--reset-passwords", action="store_true", help="既存のデモ職員のパスワードもデモ用に戻す"
        )
        parser.add_argument(
            "--no-cases",
            action="store_true",
            help="業務の各段階にある免除申請・障害基礎年金請求・資格届出のデモ案件を作らない",
        )

    def handle(self, *args, **options) -> None:
        # Known passwords and invented people must never reach a real installation.
        if (settings.SETTINGS_MODULE or "").endswith(".production"):
            raise CommandError("本番設定 (production) ではデモデータを作成できません。")
        if options["residents"] < 0:
            raise CommandError("--residents には 0 以上の人数を指定してください。")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size には 1 以上を指定してください。")
        started = time.monotonic()
        ctx = SeedContext(
            seed=options["seed"],
            residents=options["residents"],
            as_of=options["as_of"] or timezone.localdate(),
            batch_size=options["batch_size"],
            reset_passwords=options["reset_passwords"],
            with_cases=not options["no_cases"],
            notify=self.stdout.write,
        )
        # The 資格届出 first: its 臨時送付 takes only its own approved cases, and the exemption cases keep
        # their stages (送付待ち included).
        run_seeders(ctx, [*SEEDERS, seed_qualification_cases, seed_cases, seed_claims])
        elapsed = time.monotonic() - started
        self.stdout.write("")
        self.stdout.write(f"デモデータ (seed {ctx.seed}, 基準日 {ctx.as_of.isoformat()}, {elapsed:.1f} 秒):")
        for line in summary_lines(ctx.summary):
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write("デモ用ログイン (demo logins):")
        for line in login_lines(ctx.logins, DEMO_PASSWORD):
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("完了しました (done)."))
