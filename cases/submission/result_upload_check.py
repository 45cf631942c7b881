"""Checking a 処理結果一覧表 upload: its match worked out once and kept, and whether it still holds.

The confirm page worked the match out again at every view: the sealed file read back and every line
matched (the same work at each reload of a 10,000-line file), and what the second 係長 read could differ
from what the first read without anyone being told. Now the file is matched when it is checked — at
upload, or again on 再照合 (recorded) — and the match is kept on the upload (cases.submission.
result_uploads). The page shows it, marking the lines whose case moved since (one query); applying
verifies it twice: the same cheap look first, then the import's own matching under its locks, and
refuses if any line would now go elsewhere (ResultUploadMoved, naming the lines).
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.kernel.models import Case, Stage
from cases.registry.imports.errors import ImportRejected, RowError
from cases.security.models.users import User
from cases.security.scope import acting_office_ids
from cases.submission.result_upload_preview import results_matched, results_preview
from cases.submission.result_uploads import ResultUpload
from cases.submission.results_file import ResultRow, results_read
from cases.submission.results_match import Matching, results_grant_optional

# A refusal names this many lines, then says how many more.
NAMED_LINES = 20


class ResultUploadError(Exception):
    """Why an upload cannot be applied (stated to the user)."""


class ResultUploadChanged(ResultUploadError):
    """反映する from a page whose preview is no longer the kept one (another 係長 checked the file again
    since). `lines`: the preview as kept now, `changed`: the line numbers that differ from the page."""

    def __init__(self, message: str, *, lines: list[dict], changed: list[int]):
        super().__init__(message)
        self.lines, self.changed = lines, changed


@dataclass(frozen=True)
class Moved:
    """A line whose case is no longer where the kept match found it. `then`, `now`: stage codes ("" when
    no case was found, or the case is gone)."""

    line: int
    case: str
    then: str
    now: str

    def said(self) -> str:
        if not self.then and not self.now:
            return _("%(line)s行目 (照合結果が変わります)") % {"line": self.line}
        return _("%(line)s行目 (案件 %(case)s: 照合時 %(then)s → 現在 %(now)s)") % {
            "line": self.line,
            "case": self.case,
            "then": Stage(self.then).label if self.then else "―",
            "now": Stage(self.now).label if self.now else _("なし"),
        }


class ResultUploadMoved(ResultUploadError):
    """Applying refused: cases moved since the match was kept. Worded when shown (the reader's language)."""

    def __init__(self, moved: list[Moved]):
        super().__init__()
        self.moved = moved
        self.lines = [item.line for item in moved]

    def __str__(self) -> str:
        named = "、".join(item.said() for item in self.moved[:NAMED_LINES])
        if len(self.moved) > NAMED_LINES:
            named += _("、ほか %(count)s行") % {"count": len(self.moved) - NAMED_LINES}
        return _(
            "照合した後に案件の状態が変わった行があるため、反映しませんでした: %(lines)s。"
            "「再照合する」で今の案件の状態で照合し直し、内容を確かめてから反映してください。"
        ) % {"lines": named}


class ResultUploadUnchecked(ResultUploadError):
    """An upload kept before its match was (no case ids or stages to verify against)."""

    def __init__(self):
        super().__init__(
            _("この取込は照合結果が保存される前にアップロードされました。再照合してから反映してください。")
        )


def _scope_errors(user: User, found: list[tuple[int, Case]]) -> list[RowError]:
    """(line, case) pairs whose case is outside `user`'s offices: one error a line."""
    offices = acting_office_ids(user)
    if offices is None:
        return []
    return [
        RowError(
            line_no,
            "整理番号",
            _("案件 %(number)s は担当外の事務所 (%(office)s) の案件です。本庁の係長が取り込みます")
            % {"number": case.number, "office": case.office.name},
        )
        for line_no, case in sorted(found, key=lambda pair: pair[0])
        if case.office_id not in offices
    ]


def upload_checked(user: User, data: bytes) -> tuple[list[ResultRow], list[dict]]:
    """The file read and matched, refused (ImportRejected) for lines about cases outside `user`'s offices."""
    rows, _encoding = results_read(data, grant_optional=results_grant_optional)
    matching, cases = results_matched(rows)
    found = {**{n: c for n, (c, _why) in matching.unmatched.items() if c}, **matching.cases}
    errors = _scope_errors(user, [(line_no, cases[ref.pk]) for line_no, ref in found.items()])
    if errors:
        raise ImportRejected(errors)
    return rows, results_preview(rows, matching, cases)


def check_keep(upload: ResultUpload, preview: list[dict], by: User) -> list[str]:
    """Keeps `preview` as the upload's match, checked now by `by`; the fields to save."""
    upload.preview, upload.checked_at, upload.checked_by = preview, timezone.now(), by
    upload.matched_count = sum(1 for entry in preview if entry["applies"])
    upload.queued_count = len(preview) - upload.matched_count
    return ["preview", "checked_at", "checked_by", "matched_count", "queued_count"]


def kept_scope_errors(user: User, upload: ResultUpload) -> list[RowError]:
    """The kept match's cases outside `user`'s offices (the confirmer's own check, without matching)."""
    lines = {entry["case_id"]: entry["line"] for entry in upload.preview if entry.get("case_id")}
    cases = Case.objects.filter(pk__in=lines).select_related("office")
    return _scope_errors(user, [(lines[case.pk], case) for case in cases])


def _moved(entry: dict, now: str) -> bool:
    """Would applying the line now do something else than the kept match says, its case being at `now`
    ("" gone)? A line written onto its case needs it still 送付済. A line sent to the queue goes elsewhere
    once its case is 送付済; and queued either way after any other move, it is not queued for what the
    係長 read: the queue item says why with the case's stage read at apply (「案件 … は送付済ではありません
    (段階: 照合)」, texts.NOT_SENT), a 送付済 case's reason (判定日 before the sending) becomes that one when
    it moves on. So any move of a queued line's case is one (2026-12-07; it stayed queued and unflagged)."""
    if entry["applies"]:
        return now != Stage.SENT
    return now != entry["stage"]


def upload_moved(upload: ResultUpload) -> list[Moved]:
    """The kept lines whose case moved since it was checked, from one query (nothing if never checked)."""
    if upload.checked_at is None:
        return []
    with_case = [entry for entry in upload.preview if entry.get("case_id")]
    ids = {entry["case_id"] for entry in with_case}
    stages = dict(Case.objects.filter(pk__in=ids).values_list("pk", "stage"))
    return [
        Moved(entry["line"], entry["case"], entry["stage"], stages.get(entry["case_id"], ""))
        for entry in with_case
        if _moved(entry, stages.get(entry["case_id"], ""))
    ]


def matching_moved(preview: list[dict], matching: Matching) -> list[Moved]:
    """The kept lines the import's matching would now send elsewhere: another case, or written where
    the kept match queued it (or the reverse), or queued for a case that moved since (_moved)."""
    moved = []
    for entry in preview:
        line = entry["line"]
        ref = matching.cases.get(line)
        if ref is None:
            case, _why = matching.unmatched.get(line, (None, ""))
            case_id, applies = (case.pk if case else None), False
        else:
            case, case_id, applies = ref, ref.pk, True
        same_case = case_id is not None and case_id == entry.get("case_id")
        # A queued line whose case moved is one too, though queued still (_moved says why).
        queued_moved = same_case and not applies and case.stage != entry.get("stage")
        if (case_id, applies) != (entry.get("case_id"), entry["applies"]) or queued_moved:
            # Its stages when the same case moved; else the outcome alone changed (said so).
            stages = (entry["stage"], case.stage) if same_case else ("", "")
            moved.append(Moved(line, entry["case"], *(stages if stages[0] != stages[1] else ("", ""))))
    return moved


def lines_changed(previous: list[dict], preview: list[dict]) -> list[int]:
    """The lines whose case or outcome a 再照合 changed (by the case's number: an upload kept before the
    match was has no case ids)."""
    before = {entry["line"]: (entry.get("case"), entry.get("change")) for entry in previous}
    return [
        entry["line"] for entry in preview if before.get(entry["line"]) != (entry["case"], entry["change"])
    ]


def rechecked_message(changed: list[int]) -> str:
    if not changed:
        return _("再照合しました。反映内容は変わりません。")
    named = "、".join(_("%(line)s行目") % {"line": line} for line in changed[:NAMED_LINES])
    if len(changed) > NAMED_LINES:
        named += _("、ほか %(count)s行") % {"count": len(changed) - NAMED_LINES}
    return _("再照合しました。反映内容が変わった行 (%(count)s行): %(lines)s") % {
        "count": len(changed),
        "lines": named,
    }
