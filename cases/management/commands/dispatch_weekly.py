import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone

from cases.management.base import ActorCommand
from cases.submission.bundles import (
    BundleError,
    BundleNothingToSend,
    bundle_build,
    bundle_build_off_cycle,
    cutoff_on,
    weekly_cutoff,
)

JOB_LABELS = {"collect": "案件の追加", "assemble": "ZIPの作成"}


class Command(ActorCommand):
    help = (
        "週次送付を今すぐ作成します (Celery beat が平日15:00に行い、締切日にだけ作成するのと同じ処理)。"
        "締切は --date の日の15:00、省略時は直近の定期の締切 (金曜。閉庁日なら前の開庁日) の15:00です。"
        "--now は臨時送付: 今の時点までに決裁されたすべての案件を送付します。"
    )
    # The same right as the bundle screen's 作成 button.
    permission = "cases.seal_bundle"
    purpose = "週次送付の作成 (コマンド)"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="締切日 (YYYY-MM-DD)。この日の15:00までに決裁された案件が対象")
        parser.add_argument(
            "--now",
            action="store_true",
            help="臨時送付: 曜日にかかわらず、今までに決裁された案件をすべて送付",
        )

    def handle(self, *args, date: str | None = None, now: bool = False, **options) -> None:
        if now and date:
            raise CommandError("--now と --date は同時に指定できません。")
        if now:
            cutoff_at = timezone.now()
        elif date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date「{date}」は YYYY-MM-DD 形式の日付ではありません。") from exc
            cutoff_at = cutoff_on(day)
        else:
            cutoff_at = weekly_cutoff()
        label = "臨時送付の締切" if now else "締切"
        self.stdout.write(f"{label}: {timezone.localtime(cutoff_at):%Y-%m-%d %H:%M}")
        shown: dict[str, int] = {}

        def progress(job: str, done: int, total: int) -> None:
            # One line per tenth is enough on a terminal or in a cron log.
            step = max(1, total // 10)
            if done == total or done - shown.get(job, 0) >= step:
                shown[job] = done
                self.stdout.write(f"  {JOB_LABELS.get(job, job)}: {done}/{total}")

        try:
            if now:
                bundle = bundle_build_off_cycle(cutoff_at=cutoff_at, by=self.actor, progress=progress)
            else:
                bundle = bundle_build(cutoff_at=cutoff_at, by=self.actor, progress=progress)
        except BundleNothingToSend as exc:
            # Not a failure (a cron run on a quiet week): nothing is made, and it says so.
            self.audit_detail = {"bundle": None}
            self.stdout.write(str(exc))
            return
        except BundleError as exc:
            raise CommandError(str(exc)) from exc
        counts = (bundle.manifest or {}).get("counts", {})
        self.audit_detail = {"bundle": bundle.number, "state": bundle.state}
        self.stdout.write(f"送付番号: {bundle.number} ({bundle.get_state_display()})")
        self.stdout.write(f"案件数: {bundle.items.filter(live=True).count()}")
        for code, line in sorted(counts.get("by_form", {}).items()):
            self.stdout.write(f"  {code} {line['label']}: {line['count']}")
        if bundle.archive_sha256:
            self.stdout.write(f"ZIP SHA-256: {bundle.archive_sha256}")
