import sys

from django.core.management.base import BaseCommand, CommandError

from cases.exemption.screening.params import ScreeningParamsMissing, screening_params_for, tokyo_today
from cases.exemption.screening.payload import PayloadError, payload_dumps, payload_parse
from cases.exemption.screening.rules import screening_evaluate


class Command(BaseCommand):
    help = (
        "免除の所得基準 事前判定 (参考)。標準入力の JSON オブジェクト1つ (契約 第2版: docs/screening.md) を、"
        "申請期間 (period、既定は現在の免除年度) の年度の基準で判定し、結果を JSON で標準出力に書きます。"
        "判定は日本年金機構が行います。"
    )
    # Lets tests hand in a file object through call_command(stdin=...).
    stealth_options = ("stdin",)

    def handle(self, *args, **options) -> None:
        stream = options.get("stdin") or sys.stdin
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        try:
            payload = payload_parse(raw, today=tokyo_today())
            params = screening_params_for(fiscal_year=payload.fiscal_year)
        except (PayloadError, ScreeningParamsMissing, ValueError) as exc:
            # returncode 2: the caller's input (or the reference data) is wrong, not the program.
            raise CommandError(str(exc), returncode=2) from exc
        result = screening_evaluate(data=payload.data, params=params)
        self.stdout.write(payload_dumps(result, fiscal_year=payload.fiscal_year))
