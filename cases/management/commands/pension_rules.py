"""python manage.py pension_rules FUNCTION < input.json — one rule of rules-disability-qualification.md §4.
python manage.py pension_rules --batch < lines.jsonl — one `{"fn": …, "input": {…}}` per line.

One JSON object in, one out. A bad input is a Japanese message naming the key on stderr and exit code
2, with nothing on stdout. In a batch every line gets its answer in order; a bad line answers
`{"error": "…"}` and the others go on."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cases.common.pension_rules import RuleInputError, pension_rule_summaries, rule_run


def _line_answer(line: str) -> dict:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"error": f"JSON として読み取れません: {exc}"}
    if not isinstance(item, dict) or not isinstance(item.get("fn"), str):
        return {"error": '各行は {"fn": 関数名, "input": {…}} にしてください。'}
    try:
        return rule_run(item["fn"], item.get("input", {}))
    except RuleInputError as exc:
        return {"error": str(exc)}


class Command(BaseCommand):
    help = "年金の日付・要件の判定 (参考)。関数名と標準入力の JSON を受け取り、結果を JSON で出力します。"
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("function", nargs="?", help="関数名 (--list で一覧)")
        parser.add_argument(
            "--batch", action="store_true", help='1行に1件 {"fn": …, "input": {…}} (JSON Lines)'
        )
        parser.add_argument("--list", action="store_true", help="使える関数を表示します")

    def handle(self, *args, **options) -> None:
        if options["list"]:
            for name, summary in pension_rule_summaries().items():
                self.stdout.write(f"{name}\t{summary}")
            return
        stream = options.get("stdin") or sys.stdin
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if options["batch"]:
            for line in text.splitlines():
                if line.strip():
                    self.stdout.write(json.dumps(_line_answer(line), ensure_ascii=False))
            return
        if not options["function"]:
            raise CommandError("関数名を指定してください (一覧: --list)。", returncode=2)
        try:
            result = rule_run(options["function"], json.loads(text))
        except json.JSONDecodeError as exc:
            raise CommandError(f"入力が JSON として読み取れません: {exc}", returncode=2) from exc
        except RuleInputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False))
