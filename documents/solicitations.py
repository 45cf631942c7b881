"""勧奨状: one batched PDF of letters for the people of a list (cases/qualification/lists/), rendered by a
worker with progress on the list, and a result per row.

Safe to run again after a killed worker, at any point, without losing or doubling a letter:
1. 準備 — rows waiting (作成待ち) get their number and content (a snapshot), a few per transaction,
   under the list's row lock; a row whose person left the register or whose case is closed is 作成しない.
2. 束ね — the prepared rows that are in no batch yet become one Document, in one transaction; a row
   is in exactly one batch (its `letter_document_id` is set once).
3. 印刷 — each batch not yet rendered is rendered whole and stored; the same transaction marks its rows
   作成済. A crash before that commit leaves the batch to be rendered again from the same snapshot.
"""

import hashlib
import json
from collections.abc import Callable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from cases.kernel.stages import FINAL_STAGES
from cases.qualification.checklist import qualification_checklist
from cases.qualification.lists import listed_date
from cases.qualification.models import Event, QualificationList, QualificationListRow
from cases.security.models.users import User
from cases.submission.faults import fault_point
from documents.filing import iso
from documents.models import Document
from documents.rendering import DOCUMENT_LANGUAGE, render_pdf_parts
from documents.snapshot_parts import SNAPSHOT_VERSION, _city
from documents.storage import file_name_for, write_sealed

Letter = QualificationListRow.Letter
TEMPLATE = "documents/pdf/solicitations.html"
CHUNK = 10  # rows per transaction when preparing; letters per rendered part
Progress = Callable[[str, int, int], None]

# What each list asks the person to file, in the letter's words, with the articles it rests on.
REQUESTS = {
    Event.LEAVE_EMPLOYEE_PENSION: (
        "国民年金 第1号被保険者への種別変更の届出",
        "厚生年金保険の資格を喪失された方は、国民年金の第1号被保険者となる届出が必要です"
        " (国民年金法第12条第1項、同法施行規則第6条の2)。届出の期限は資格喪失日から14日以内です。"
        "期限を過ぎていても届出は必要ですので、下の日までにお届けください。",
    ),
    Event.AGE20: (
        "国民年金 第1号被保険者の資格取得の届出",
        "20歳になった日から国民年金の被保険者となります (国民年金法第8条第1号)。日本年金機構からの"
        "「国民年金加入のお知らせ」が届いていない方は、届出をお願いします (同法施行規則第1条の4)。",
    ),
}


def _progress(list_id: int, **fields) -> None:
    """Committed on its own, so the screen sees it move (as the bundle's)."""
    QualificationList.objects.filter(pk=list_id).update(**fields)


def _content(row: QualificationListRow, qlist: QualificationList, number: int) -> dict:
    case, resident = row.case, row.resident
    filing = case.qualification
    title, body = REQUESTS[filing.event]
    with translation.override(DOCUMENT_LANGUAGE):  # a letter is in Japanese whoever asked for it
        date_label, listed_on = listed_date(qlist.kind, filing.event_date)
    papers = [entry.label for entry in qualification_checklist(case) if entry.required]
    return {
        "no": number,
        "case_number": case.number,
        "name": resident.kanji_name,
        "kana": resident.kana_name,
        "address": resident.address,
        "birth_date": iso(resident.birth_date),
        "title": title,
        "body": body,
        "event": filing.get_event_display(),
        "event_date": iso(filing.event_date),
        # The list's own day, named for the reader (not the desk's 事由 code and the stored last day
        # employed, which put 11/20 beside 「資格喪失日から14日以内」 for a loss on 11/21).
        "date_label": str(date_label),
        "listed_on": iso(listed_on),
        "employer": row.employer,
        "reply_by": iso(qlist.reply_by),
        "papers": papers,
        "office": {"name": case.office.name, "phone": case.office.phone},
    }


def _skip_reason(row: QualificationListRow) -> str:
    if row.resident.removed_on is not None:
        return (
            f"住民記録から消除されたため作成しません ({row.resident.get_change_reason_display() or '消除'})"
        )
    if row.case.stage in FINAL_STAGES:
        return f"案件 {row.case.number} が{row.case.get_stage_display()}のため作成しません"
    if row.case.qualification.filed_on is not None:
        return f"届出を受け付け済みのため作成しません (案件 {row.case.number})"
    return ""


def _prepare(qlist_id: int, on_row: Callable[[int], None]) -> None:
    done = 0
    while True:
        with transaction.atomic():
            qlist = QualificationList.objects.select_for_update().get(pk=qlist_id)
            rows = list(
                QualificationListRow.objects.select_for_update(of=("self",))
                .filter(qualification_list=qlist, letter=Letter.PENDING)
                .select_related("resident", "case__qualification", "case__office")
                .order_by("line_no")[:CHUNK]
            )
            if not rows:
                return
            number = (qlist.rows.aggregate(last=Max("letter_no"))["last"] or 0) + 1
            for row in rows:
                why = _skip_reason(row)
                if why:
                    row.letter, row.letter_note = Letter.SKIPPED, why
                else:
                    row.letter, row.letter_no, row.letter_note = Letter.PREPARED, number, ""
                    row.letter_content = _content(row, qlist, number)
                    number += 1
                row.save(update_fields=["letter", "letter_no", "letter_content", "letter_note"])
                done += 1
                fault_point("letters.prepare", done)
        on_row(done)


def _batch(qlist_id: int, by: User | None) -> None:
    with transaction.atomic():
        qlist = QualificationList.objects.select_for_update().get(pk=qlist_id)
        rows = qlist.rows.filter(letter=Letter.PREPARED, letter_document_id__isnull=True).order_by(
            "letter_no"
        )
        letters = [row.letter_content for row in rows]
        if not letters:
            return
        context = {
            "version": SNAPSHOT_VERSION,
            "list": {"id": qlist.pk, "kind": qlist.get_kind_display(), "filename": qlist.filename},
            "city": _city(),
            "issued_on": iso(timezone.localdate()),
            "letters": letters,
        }
        canonical = json.dumps({"template": TEMPLATE, "context": context}, ensure_ascii=False, sort_keys=True)
        document = Document.objects.create(
            kind=Document.Kind.SOLICITATIONS,
            template=TEMPLATE,
            context=context,
            context_sha256=hashlib.sha256(canonical.encode()).hexdigest(),
            requested_by=by,
        )
        rows.update(letter_document_id=document.pk)


def _render(qlist_id: int, document_id: int, on_letter: Callable[[int], None]) -> None:
    document = Document.objects.get(pk=document_id)
    rendered = None
    if document.status != Document.Status.DONE:
        letters = document.context["letters"]
        common = {key: value for key, value in document.context.items() if key != "letters"}
        common["doc"] = {"id": document.pk, "kind_label": "勧奨状", "requested_on": iso(timezone.localdate())}
        parts = [{**common, "letters": letters[i : i + CHUNK]} for i in range(0, len(letters), CHUNK)]

        def on_part(n: int) -> None:
            fault_point("letters.render", n)
            on_letter(min(n * CHUNK, len(letters)))

        with translation.override(DOCUMENT_LANGUAGE):
            rendered = render_pdf_parts(template=TEMPLATE, contexts=parts, on_part=on_part)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document_id)
        if locked.status != Document.Status.DONE and rendered is not None:
            sha256 = hashlib.sha256(rendered.pdf).hexdigest()
            locked.file = file_name_for(document_id=locked.pk, sha256=sha256)
            write_sealed(name=locked.file, plain=rendered.pdf, document_id=locked.pk)
            locked.sha256, locked.pages = sha256, rendered.pages
            locked.status, locked.error, locked.rendered_at = Document.Status.DONE, "", timezone.now()
            locked.save(update_fields=["file", "sha256", "pages", "status", "error", "rendered_at"])
        QualificationListRow.objects.filter(
            qualification_list_id=qlist_id, letter_document_id=document_id, letter=Letter.PREPARED
        ).update(letter=Letter.ISSUED, letter_note="")


def letters_render(*, list_id: int, by: User | None = None) -> list[int]:
    """Runs the three steps; returns the ids of the batch PDFs of the list. Errors are left on the list
    for the screen (and raised, so the worker's log has them too)."""
    waiting = QualificationListRow.objects.filter(
        qualification_list_id=list_id, letter=Letter.PENDING
    ).count()
    _progress(list_id, job="prepare", job_total=waiting, job_done=0, job_error="")
    try:
        _prepare(list_id, lambda n: _progress(list_id, job_done=n))
        _batch(list_id, by)
        batches = list(
            QualificationListRow.objects.filter(qualification_list_id=list_id, letter=Letter.PREPARED)
            .values_list("letter_document_id", flat=True)
            .distinct()
            .order_by("letter_document_id")
        )
        for document_id in batches:
            count = QualificationListRow.objects.filter(letter_document_id=document_id).count()
            _progress(list_id, job="render", job_total=count, job_done=0)
            _render(list_id, document_id, lambda n: _progress(list_id, job_done=n))
    except Exception as exc:
        _progress(
            list_id,
            job="",
            job_error=f"勧奨状の作成が途中で止まりました。もう一度作成してください: {exc}"[:2000],
        )
        raise
    _progress(list_id, job="")
    return list(
        QualificationListRow.objects.filter(qualification_list_id=list_id, letter_document_id__isnull=False)
        .values_list("letter_document_id", flat=True)
        .distinct()
        .order_by("letter_document_id")
    )
