"""python manage.py import_results FILE --user USERID — 日本年金機構の処理結果一覧表を取り込む (確認待ち).
python manage.py import_results --confirm ID --user USERID — 別の係長が確認して反映する (issue 11 H1).
python manage.py import_results --reject ID [--reason TEXT] --user USERID — 別の係長が理由を付けて却下する
(アップロードした係長なら取り下げ), as the confirm screen does.
python manage.py import_results --recheck ID --user USERID — 案件が動いて反映できないとき、今の案件の状態で
照合し直す (再照合), as the screen's 「再照合する」."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError, CommandParser

from cases.common.freetext import validate_no_mynumber
from cases.management.base import ActorCommand
from cases.management.imports import import_file_path
from cases.registry.imports.errors import ImportRejected
from cases.submission.result_upload_check import ResultUploadUnchecked
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_confirm import (
    ResultUploadError,
    ResultUploadMoved,
    result_upload_apply,
    result_upload_recheck,
    result_upload_reject,
    result_upload_stage,
)


class Command(ActorCommand):
    help = (
        "日本年金機構の処理結果一覧表 (CSV) を取り込みます (確認待ち)。別の係長が --confirm で反映すると、"
        "送付済の案件と突合して反映します。"
    )
    permission = "cases.import_results"
    purpose = "処理結果一覧表の取込"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="CSV ファイル (UTF-8 または CP932)")
        parser.add_argument(
            "--confirm",
            type=int,
            metavar="ID",
            help="確認待ちの取込 ID を反映する (アップロードした係長以外)",
        )
        parser.add_argument(
            "--reject",
            type=int,
            metavar="ID",
            help="確認待ちの取込 ID を却下する (--reason が必要)。アップロードした係長なら取り下げ",
        )
        parser.add_argument(
            "--recheck",
            type=int,
            metavar="ID",
            help="確認待ちの取込 ID を今の案件の状態で照合し直す (再照合。反映内容を作り直す)",
        )
        parser.add_argument("--reason", default="", help="却下・取り下げの理由 (個人番号は書かない)")

    def handle(self, *args, **options) -> None:
        chosen = [name for name in ("confirm", "reject", "recheck") if options.get(name) is not None]
        if (options.get("file") and chosen) or len(chosen) > 1:
            # Confirming or rejecting acts on an upload already staged; a file given with it would be ignored.
            raise CommandError(
                "CSV ファイル・--confirm・--reject・--recheck は同時に指定できません。取り込むときはファイルだけを、"
                "反映するときは --confirm ID だけを、却下・取り下げるときは --reject ID だけを、"
                "再照合するときは --recheck ID だけを指定してください。"
            )
        if options.get("recheck") is not None:
            self._recheck(options["recheck"])
            return
        if options.get("reject") is not None:
            self._reject(options["reject"], options.get("reason") or "")
            return
        if options.get("confirm") is not None:
            self._confirm(options["confirm"])
            return
        if not options.get("file"):
            raise CommandError("CSV ファイルか --confirm ID を指定してください。")
        path = import_file_path(options["file"])
        try:
            upload = result_upload_stage(filename=path.name, data=path.read_bytes(), by=self.actor)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"取込を中止しました: エラー {len(exc.errors)}件 (何も取り込んでいません)"
            ) from exc
        self.audit_detail = {"result_upload_id": upload.pk, "lines": upload.line_count}
        self.stdout.write(
            f"取り込みました (確認待ち ID {upload.pk}, {upload.line_count}行)。別の係長が "
            f"import_results --confirm {upload.pk} --user USERID で反映するまで、案件は変わりません。"
        )

    def _reject(self, upload_id: int, reason: str) -> None:
        upload = _upload(upload_id)
        try:
            validate_no_mynumber(reason)  # the reason stays in the record, as the screen's field refuses
            decided = result_upload_reject(upload=upload, by=self.actor, reason=reason)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except (PermissionDenied, ResultUploadError) as exc:
            raise CommandError(str(exc)) from exc
        self.audit_detail = {"result_upload_id": upload.pk, "state": decided.state}
        self.stdout.write(
            f"アップロード #{upload.pk} を{decided.get_state_display()}にしました。案件は変わりません。"
        )

    def _recheck(self, upload_id: int) -> None:
        upload = _upload(upload_id)
        try:
            checked, changed = result_upload_recheck(upload=upload, by=self.actor)
        except (PermissionDenied, ResultUploadError) as exc:
            raise CommandError(str(exc)) from exc
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"再照合を中止しました: エラー {len(exc.errors)}件 (照合結果は変わりません)"
            ) from exc
        self.audit_detail = {"result_upload_id": upload.pk, "changed": len(changed)}
        self.stdout.write(
            f"アップロード #{upload.pk} を再照合しました: 反映 {checked.matched_count}行, 突合の不一致へ "
            f"{checked.queued_count}行 (反映内容が変わった行 {len(changed)}行)。"
        )

    def _confirm(self, upload_id: int) -> None:
        upload = _upload(upload_id)
        try:
            result = result_upload_apply(upload=upload, by=self.actor)
        except (ResultUploadMoved, ResultUploadUnchecked) as exc:  # the screen offers 「再照合する」; here:
            raise CommandError(f"{exc} (import_results --recheck {upload.pk} --user USERID)") from exc
        except (PermissionDenied, ResultUploadError) as exc:
            raise CommandError(str(exc)) from exc
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"反映を中止しました: エラー {len(exc.errors)}件") from exc
        self.audit_detail = {"result_upload_id": upload.pk, "result_import_id": result.pk}
        self.stdout.write(
            f"反映しました (アップロード #{upload.pk} → 取込番号 {result.pk}): {result.total_lines}行 — 突合済 {result.matched}件, "
            f"突合の不一致 {result.discrepancies}件"
        )


def _upload(upload_id: int) -> ResultUpload:
    upload = ResultUpload.objects.filter(pk=upload_id).first()
    if upload is None:
        raise CommandError(f"確認待ちの取込が見つかりません: {upload_id}")
    return upload
