"""Issue 14 §5: the sentences the system writes on the case timeline and the 突合 queue are stored as a
code and its parameters (cases/common/texts.py) and worded in the screen's language when shown.

Existing rows are read back into code + parameters by the patterns the code wrote them with; what a
person typed (a reason, a note) stays in `comment` (or, for the 突合 queue, 機構's own words in the
parameters). A row no pattern recognises keeps its text as it is: it is still shown, in Japanese.
Going back writes the Japanese sentences into `comment` / `detail` again. Also the indexes the
supervisor dashboard reads by date (workflows/dashboard.py)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations, models

S = re.DOTALL
DATE = r"\d{4}-\d{2}-\d{2}"
MONTH = r"(?:\d{4}-\d{2}|\(なし\))"


def _month(text):
    return None if text == "(なし)" else text


def _labels(text):
    return [] if text == "提示なし" else text.split("・")


def _wareki_date(text):
    from cases.common.identifiers.wareki import parse_wareki  # a pure function of the text

    return parse_wareki(text).isoformat()


def _moment(text):
    local = dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(settings.TIME_ZONE))
    return local.isoformat()


def _result(text):
    """result_summary() as written before: decision (判定日) [kind start〜end] [理由: …]."""
    m = re.fullmatch(
        rf"(?P<decision>\S+) \(判定日 (?P<decided>{DATE})\)"
        rf"(?: (?P<kind>\S+) (?P<start>{MONTH})〜(?P<end>{MONTH}))?(?: 理由: (?P<reason>.*))?",
        text,
        S,
    )
    if m is None:
        return None
    if m["kind"]:
        said = {
            "code": "result_granted",
            "params": {
                "decision": m["decision"],
                "decided_on": m["decided"],
                "kind": m["kind"],
                "start": _month(m["start"]),
                "end": _month(m["end"]),
            },
        }
    else:
        said = {"code": "result", "params": {"decision": m["decision"], "decided_on": m["decided"]}}
    if m["reason"]:
        return {"code": "result_reason", "params": {"result": said, "reason": m["reason"]}}
    return said


def _received(m):
    who, documents = m["who"], _labels(m["docs"])
    agent = re.fullmatch(r"(?P<req>\S+) (?P<agent>.+) \((?P<rel>.+)\)", who)
    if agent:
        params = {"requester": agent["req"], "agent": agent["agent"], "relationship": agent["rel"]}
        return "request_received_agent", {**params, "documents": documents}, ""
    return "request_received", {"requester": who, "documents": documents}, ""


def _handled(m):
    summary, note = m["summary"], m["note"] or ""
    for pattern, code, names in (
        (r"請求に応じない: (?P<a>.*)", "request_refuse", ("reason",)),
        (r"訂正: (?P<a>\S+) (?P<b>.*) → (?P<c>.*)", "request_correct", ("field", "old", "new")),
        (r"利用停止: (?P<a>.*)", "request_suspend", ("scope",)),
        (r"開示する \(開示報告書は係長が作成します\)", "request_disclose", ()),
    ):
        found = re.fullmatch(pattern, summary, S)
        if found:
            return code, dict(zip(names, found.groups(), strict=True)), note
    return None


def _checklist(m):
    params = {"paper": m["paper"], "state": m["state"]}
    if m["due"]:
        return "checklist_requested", {**params, "due": m["due"]}, m["note"] or ""
    return "checklist_marked", params, m["note"] or ""


def _documents_requested(m):
    if m["shown"] is not None:
        return "documents_requested_shown", {"documents": _labels(m["shown"]), "due": m["due"]}, m["note"]
    return "documents_requested", {"due": m["due"]}, m["note"]


def _income(m):
    # 2025年度 as first written; 令和7年度 as the sentence reads since (and as going back writes it).
    year = m["year"] or _wareki_date(f"{m['era_year']}年7月1日")[:4]
    if m["names"]:
        return "income_attached_undeclared", {"year": year, "people": m["people"], "names": m["names"]}, ""
    return "income_attached", {"year": year, "people": m["people"]}, ""


def _returned(m):
    said = _result(m["summary"])
    return ("returned", {"result": said}, "") if said else None


# action → [(pattern, (match) → (code, params, comment) or None)], tried in order.
EVENTS = {
    "escalated": [
        (
            r"決裁待ちが(?P<days>\d+)業務日になりました \(基準 (?P<limit>\d+)業務日\)。",
            lambda m: ("approval_escalated", {"days": int(m["days"]), "limit": int(m["limit"])}, ""),
        )
    ],
    "documents_reminded": [
        (
            rf"書類の提出期限 \((?P<due>{DATE})\) を過ぎました。申請者へ連絡してください。",
            lambda m: ("documents_overdue", {"due": m["due"]}, ""),
        )
    ],
    "identity_verified": [(r"(?P<docs>[^\n。]+)", lambda m: ("identity_documents", {"documents": _labels(m["docs"])}, ""))],
    "documents_requested": [
        (rf"(?:提示: (?P<shown>[^\n]*?)。)?期限 (?P<due>{DATE})。(?P<note>.*)", _documents_requested)
    ],
    "checklist": [
        (
            rf"(?P<paper>[^\n]+?): (?P<state>未提出|依頼中|受領|確認済|不要)(?: \(期限 (?P<due>{DATE})\))?(?:。(?P<note>.*))?",
            _checklist,
        )
    ],
    "claimed": [(r"(?P<task>[^\n→]+)", lambda m: ("task", {"task": m["task"]}, ""))],
    "released": [(r"(?P<task>[^\n→]+)", lambda m: ("task", {"task": m["task"]}, ""))],
    "reassigned": [
        (
            r"(?P<task>[^\n]+?) → (?P<to>[^\n]+?)。(?P<reason>.*)",
            lambda m: ("task_reassigned", {"task": m["task"], "to": m["to"]}, m["reason"]),
        )
    ],
    "received": [(r"請求者: (?P<who>[^\n]+?)。本人確認: (?P<docs>[^\n]+?)。", _received)],
    "request_handled": [(r"(?P<summary>[^\n]+)(?:\n(?P<note>.*))?", _handled)],
    "answered": [
        (rf"回答日 (?P<date>{DATE})。(?P<outcome>.*)", lambda m: ("request_answered", {"date": m["date"]}, m["outcome"]))
    ],
    "report_issued": [
        (
            r"帳票番号 (?P<doc>\d+) \((?P<mark>個人番号を記載|個人番号は記載なし)\)",
            lambda m: (
                "report_with_mynumber" if m["mark"] == "個人番号を記載" else "report_without_mynumber",
                {"document": int(m["doc"])},
                "",
            ),
        )
    ],
    "corrected": [
        (
            r"(?P<field>[^\n:]+): (?P<old>[^\n]*) → (?P<new>[^\n]*)",
            lambda m: ("corrected", {"field": m["field"], "old": m["old"], "new": m["new"]}, ""),
        )
    ],
    "income_attached": [
        (r"所得審査なし \(届出\)", lambda m: ("income_not_tested", {}, "")),
        (
            r"(?:(?P<year>\d{4})|(?P<era_year>(?:平成|令和)(?:\d+|元)))年度 住民税所得を添付 \((?P<people>\d+)名\)"
            r"(?: 未申告: (?P<names>.+))?",
            _income,
        ),
    ],
    "bundled": [
        (
            r"送付 (?P<bundle>\S+) \(締切 (?P<cutoff>\d{4}-\d{2}-\d{2} \d{2}:\d{2})\)",
            lambda m: ("bundled", {"bundle": m["bundle"], "cutoff": _moment(m["cutoff"])}, ""),
        )
    ],
    "unbundled": [
        (
            r"送付 (?P<bundle>\S+) から除外 \(次回の送付に回します\)。理由: (?P<reason>.*)",
            lambda m: ("unbundled", {"bundle": m["bundle"]}, m["reason"]),
        )
    ],
    "handed_over": [
        (
            r"送付 (?P<bundle>\S+) を(?P<on>\S+?日)に(?P<office>.+)へ送付",
            lambda m: (
                "handed_over",
                {"bundle": m["bundle"], "sent_on": _wareki_date(m["on"]), "office": m["office"]},
                "",
            ),
        )
    ],
    "sent": [(r"送付 (?P<bundle>\S+) \(封緘\)", lambda m: ("sealed", {"bundle": m["bundle"]}, ""))],
    "result": [(r"(?P<summary>.+)", lambda m: (lambda said: (said["code"], said["params"], "") if said else None)(_result(m["summary"])))],
    "returned": [(r"(?:日本年金機構から返戻|日本年金機構の処理結果): (?P<summary>.+)", _returned)],
}


def _why(text):
    """The reasons results_match() wrote for a line it could not use."""
    for pattern, code, names in (
        (r"整理番号「(?P<a>.*)」の案件がありません", "no_such_number", ("number",)),
        (r"基礎年金番号 (?P<a>\S+) が案件 (?P<b>\S+) の申請者と一致しません", "pension_no_differs", ("pension_no", "case")),
        (r"基礎年金番号 (?P<a>\S*): 送付済の案件がありません", "pension_no_not_sent", ("pension_no",)),
        (r"基礎年金番号 (?P<a>\S*): 送付済の案件が(?P<b>\d+)件あり特定できません", "pension_no_ambiguous", ("pension_no", "count")),
        (r"案件 (?P<a>\S+) は日本年金機構へ送付する種別ではありません", "not_filed_type", ("case",)),
        (r"案件 (?P<a>\S+) は送付済ではありません \(段階: (?P<b>.+)\)", "not_sent", ("case", "stage")),
        (r"案件 (?P<a>\S+) の結果は(?P<b>\d+)行目にもあります", "result_twice", ("case", "line")),
        (r"案件 (?P<a>\S+) の免除情報がありません", "exemption_record_missing", ("case",)),
    ):
        found = re.fullmatch(pattern, text, S)
        if found:
            return {"code": code, "params": dict(zip(names, found.groups(), strict=True))}
    return text  # a case type's own words: kept as written


def _differs(text):
    parts = []
    for part in text.split("、"):
        kind = re.fullmatch(r"免除種類 申請 (?P<a>\S+) → 承認 (?P<b>\S+)", part)
        period = re.fullmatch(
            rf"期間 申請 (?P<a>{MONTH})〜(?P<b>{MONTH}) → 承認 (?P<c>{MONTH})〜(?P<d>{MONTH})", part
        )
        if kind:
            parts.append({"code": "exemption_kind_differs", "params": {"requested": kind["a"], "granted": kind["b"]}})
        elif period:
            names = ("requested_from", "requested_to", "granted_from", "granted_to")
            values = [_month(v) for v in period.groups()]
            parts.append({"code": "exemption_period_differs", "params": dict(zip(names, values, strict=True))})
        else:
            return text
    if len(parts) == 2:
        return {"code": "exemption_both_differ", "params": {"first": parts[0], "second": parts[1]}}
    return parts[0] if len(parts) == 1 else text


DISCREPANCIES = {
    "unmatched_line": (
        r"(?P<line>\d+)行目: (?P<why>.*)",
        lambda m: ("result_line", {"line": int(m["line"]), "why": _why(m["why"])}),
    ),
    "missing_result": (
        r"送付 (?P<bundle>\S+) の案件 (?P<case>\S+) の結果が (?P<file>.+) にありません",
        lambda m: ("missing_result", {"bundle": m["bundle"], "case": m["case"], "file": m["file"]}),
    ),
    "differs": (
        r"(?P<case>\S+): (?P<differs>.*)",
        lambda m: ("result_differs", {"case": m["case"], "differs": _differs(m["differs"])}),
    ),
    "returned": (r"(?P<case>\S+): (?P<reason>.*)", lambda m: ("returned_item", {"case": m["case"], "reason": m["reason"]})),
}


def _event_parsed(action, comment):
    for pattern, build in EVENTS.get(action, ()):
        found = re.fullmatch(pattern, comment, S)
        if found:
            try:
                parsed = build(found)
            except (ValueError, LookupError):  # e.g. a 和暦 date that does not read
                parsed = None
            if parsed:
                return parsed
    return None


def texts_from_sentences(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    events = CaseEvent.objects.filter(text_code="").exclude(comment="").filter(action__in=list(EVENTS))
    changed = []
    for event in events.only("id", "action", "comment").iterator(chunk_size=2000):
        parsed = _event_parsed(event.action, event.comment)
        if parsed:
            event.text_code, event.text_params, event.comment = parsed[0], parsed[1], (parsed[2] or "").strip()
            changed.append(event)
        if len(changed) >= 2000:
            CaseEvent.objects.bulk_update(changed, ["text_code", "text_params", "comment"])
            changed = []
    CaseEvent.objects.bulk_update(changed, ["text_code", "text_params", "comment"])
    Discrepancy = apps.get_model("cases", "Discrepancy")
    changed = []
    for item in Discrepancy.objects.filter(text_code="").exclude(detail="").only("id", "kind", "detail"):
        pattern, build = DISCREPANCIES.get(item.kind, (None, None))
        found = re.fullmatch(pattern, item.detail, S) if pattern else None
        if found:
            item.text_code, item.text_params = build(found)
            item.detail = ""
            changed.append(item)
    Discrepancy.objects.bulk_update(changed, ["text_code", "text_params", "detail"], batch_size=2000)


def sentences_from_texts(apps, schema_editor):
    """Back to the sentences (Japanese), so nothing is lost before the fields go."""
    from django.utils import translation

    from cases.common.texts import text_render

    with translation.override("ja"):
        CaseEvent = apps.get_model("cases", "CaseEvent")
        for event in CaseEvent.objects.exclude(text_code="").iterator(chunk_size=2000):
            said = text_render(event.text_code, event.text_params)
            event.comment = "\n".join(part for part in (said, event.comment) if part)
            event.save(update_fields=["comment"])
        Discrepancy = apps.get_model("cases", "Discrepancy")
        for item in Discrepancy.objects.exclude(text_code=""):
            said = text_render(item.text_code, item.text_params)
            item.detail = " ".join(part for part in (said, item.detail) if part)[:300]
            item.save(update_fields=["detail"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_i13_qualification"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="text_code",
            field=models.CharField(blank=True, max_length=40, verbose_name="文言コード"),
        ),
        migrations.AddField(
            model_name="caseevent",
            name="text_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="文言の値"),
        ),
        migrations.AddField(
            model_name="discrepancy",
            name="text_code",
            field=models.CharField(blank=True, max_length=40, verbose_name="文言コード"),
        ),
        migrations.AddField(
            model_name="discrepancy",
            name="text_params",
            field=models.JSONField(blank=True, default=dict, verbose_name="文言の値"),
        ),
        migrations.AlterField(
            model_name="discrepancy",
            name="detail",
            field=models.CharField(blank=True, max_length=300, verbose_name="内容"),
        ),
        migrations.RunPython(texts_from_sentences, sentences_from_texts, elidable=False),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["stage", "office", "case_type", "received_on"], name="case_dashboard_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["received_on"], name="case_received_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["sent_on"], name="case_sent_idx"),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["closed_at"], name="case_closed_idx"),
        ),
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["action", "at", "case"], name="caseevent_action_at_idx"),
        ),
    ]
