"""python manage.py pension_rules FUNCTION < input.json — one rule of rules-disability-qualification.md §4.
python manage.py pension_rules --batch < lines.jsonl — one `{"fn": …, "input": {…}}` per line.

One JSON object in, one out. A bad input is a Japanese message naming the key on stderr and exit code
2, with nothing on stdout. In a batch every line gets its answer in order; a bad line answers
`{"error": "N行目: …"}` and the others go on; the batch exits 0 once every line is answered (an error is
that line's answer: a caller reading the lines, as the rule sheet's acceptance table does, is not stopped
by one), and the numbers of the lines answered with an error go to stderr."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from cases.common.pension_rules import RuleInputError, pension_rule_summaries, rule_run

BAD_INPUT = 2

# What json.JSONDecodeError.msg says (CPython's json module), in Japanese.
_JSON_MISTAKES = {
    "Expecting value": "値がありません",
    "Expecting property name enclosed in double quotes": 'キーは二重引用符 (") で囲んでください',
    "Expecting ':' delimiter": "キーの後に「:」がありません",
    "Expecting ',' delimiter": "「,」がありません",
    "Extra data": "値の後に余分な文字があります",
    "Unterminated string starting at": "文字列が閉じられていません",
    "Invalid control character at": "文字列の中に制御文字があります",
    "Invalid \\escape": "「\\」の使い方が正しくありません",
    "Invalid \\uXXXX escape": "「\\u」の後は16進数4桁にしてください",
    "Illegal trailing comma before end of object": "最後の要素の後に「,」があります",
    "Illegal trailing comma before end of array": "最後の要素の後に「,」があります",
}


def _json_mistake(exc: json.JSONDecodeError) -> str:
    return _JSON_MISTAKES.get(exc.msg, "書き方が正しくありません")


def _line_answer(number: int, line: str) -> dict:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        # One line is one JSON text: the position is that line's column.
        return {
            "error": f"{number}行目 {exc.colno}文字目: JSON として読み取れません ({_json_mistake(exc)})。"
        }
    if not isinstance(item, dict) or not isinstance(item.get("fn"), str):
        return {"error": f'{number}行目: 各行は {{"fn": 関数名, "input": {{…}}}} にしてください。'}
    try:
        return rule_run(item["fn"], item.get("input", {}))
    except RuleInputError as exc:
        return {"error": f"{number}行目: {exc}"}


class Command(BaseCommand):
    help = (
        "年金の日付・要件の判定 (参考)。関数名と標準入力の JSON を受け取り、結果を JSON で出力します。"
        "--batch では1行に1件を読み、各行の結果 (誤りは行番号付きの error) を順に出力します。"
        '終了コード: 0 正常、2 入力の誤り (--batch は全行に答えて 0。誤りのある行は {"error": …} で答え、その行番号を標準エラーに出します)。'
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("function", nargs="?", help="関数名 (--list で一覧)")
        parser.add_argument(
            "--batch", action="store_true", help='1行に1件 {"fn": …, "input": {…}} (JSON Lines)'
        )
        parser.add_argument("--list", action="store_true", help="使える関数とその説明を表示します")

    def handle(self, *args, **options) -> None:
        if options["list"]:
            for name, summary in pension_rule_summaries().items():
                self.stdout.write(f"{name}\t{summary}")
            return
        stream = options.get("stdin") or sys.stdin
        raw = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            # A file saved as Shift_JIS (a spreadsheet's default) is the likely cause: said, not a traceback.
            raise CommandError(
                f"入力が UTF-8 ではありません ({exc.start + 1}バイト目)。UTF-8 で保存した JSON を渡してください。",
                returncode=BAD_INPUT,
            ) from exc
        if options["batch"]:
            self._batch(text)
            return
        if not options["function"]:
            raise CommandError("関数名を指定してください (一覧: --list)。", returncode=BAD_INPUT)
        try:
            result = rule_run(options["function"], json.loads(text))
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"入力が JSON として読み取れません: {exc.lineno}行目 {exc.colno}文字目 ({_json_mistake(exc)})。",
                returncode=BAD_INPUT,
            ) from exc
        except RuleInputError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _batch(self, text: str) -> None:
        failed = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            answer = _line_answer(number, line)
            if "error" in answer:
                failed.append(number)
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
        if failed:
            self.stderr.write(
                f"{len(failed)}行はエラーを返しました ({', '.join(f'{n}行目' for n in failed)})。"
                "ほかの行の結果は出力済みです。"
            )
