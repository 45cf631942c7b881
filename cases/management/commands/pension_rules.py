"""python manage.py pension_rules FUNCTION < input.json — one rule of rules-disability-qualification.md §4.

The input is one JSON object (or a list of them: the answer is then a list in the same order); the
answer is JSON on stdout. A bad input is a Japanese message naming the key on stderr and exit code 2,
with nothing on stdout."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cases.common.pension_rules import RuleInputError, pension_rules, rule_run


class Command(BaseCommand):
    help = "年金の日付・要件の判定 (参考)。関数名と、標準入力の JSON を受け取り、結果を JSON で出力します。"
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("function", nargs="?", help="関数名 (--list で一覧)")
        parser.add_argument("--list", action="store_true", help="使える関数を表示します")

    def handle(self, *args, **options) -> None:
        if options["list"] or not options["function"]:
            for name, function in pension_rules().items():
                self.stdout.write(f"{name}\t{(function.__doc__ or '').strip().splitlines()[0]}")
            return
        stream = options.get("stdin") or sys.stdin
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        try:
            data = json.loads(raw)
            if isinstance(data, list):
                result = [rule_run(options["function"], item) for item in data]
            else:
                result = rule_run(options["function"], data)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"入力が JSON として読み取れません: {exc}", returncode=2) from exc
        except RuleInputError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False))
