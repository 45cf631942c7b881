"""Will this case's person fit the data file for 機構? Asked at the counter, not first at sealing.

The 漢字氏名 and 住所 of a 資格届出 come from the 住民記録, which the desk cannot edit; a character CP932
lacks (𠮷 U+20BB7, an IVS selector) or an address over the field's 50 characters made the data file fail
only when the weekly bundle was sealed. The same encoder (fixed_length.py) is run on them here, early, and
the desk may give a 送付用 spelling (吉 for 𠮷, a shortened address) that only the data file carries:
the 住民記録, the 届書 PDF and the 受付票 keep the original, and the case's timeline records both.
"""

from django.db import transaction

from cases.kernel.access import user_acts_on
from cases.kernel.casetypes import CaseTypeNotRegistered, filing_form_of
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_event_record
from cases.kernel.stages import OPEN_STAGES
from cases.submission import texts
from cases.submission.fixed_length import DATA, QUALIFICATION, RecordValueError, record_field_check

QUALIFICATION_FORM = "31"  # the 届書種別 followed by a 資格届出レコード (records.py, datafile.py)
_FIELD = {f.source: f for f in (*DATA.fields, *QUALIFICATION.fields) if f.source}
# The receiving clerks (受付・入力, with the person at the counter) or their supervisor (before sealing).
SPELLING_PERMISSIONS = ("cases.take_intake", "cases.approve_case")


def sent_kanji_name(case: Case) -> str:
    return case.sent_kanji_name or case.resident.kanji_name


def sent_address(case: Case) -> str:
    return case.sent_address or case.resident.address


def _carries_qualification(case: Case) -> bool | None:
    """True for a 届書種別 31 case, False for another form, None for a type never sent to 機構."""
    try:
        return filing_form_of(case).code == QUALIFICATION_FORM
    except (CaseTypeNotRegistered, AttributeError, KeyError):
        return None


def _problem(source: str, value: str) -> str:
    try:
        record_field_check(_FIELD[source], value)
    except RecordValueError as exc:
        return f"{exc.field.name} — {exc.problem}"
    return ""


def datafile_problems(case: Case) -> list[str]:
    """「漢字氏名 — CP932 で表せない文字「𠮷」(U+20BB7) を含みます。」 for each field of this case's records
    that its person's data (or the 送付用 spelling given) would not fit; [] when the records can be written."""
    carries = _carries_qualification(case)
    if carries is None:
        return []
    checks = [("kana_name", case.resident.kana_name)]
    if carries:
        checks += [("kanji_name", sent_kanji_name(case)), ("address", sent_address(case))]
    return [problem for source, value in checks if (problem := _problem(source, value))]


def datafile_panel(*, user, case: Case) -> dict:
    """What the case header shows: the problems, and whether this user may give a 送付用 spelling (the
    case not sent yet, their office's, and something to give or to take back)."""
    problems = datafile_problems(case)
    editable = (
        (case.stage in OPEN_STAGES or case.stage == Stage.READY_TO_SEND)
        and any(user.has_perm(p) for p in SPELLING_PERMISSIONS)
        and user_acts_on(user, case)
    )
    return {
        "problems": problems,
        "editable": editable and bool(problems or case.sent_kanji_name or case.sent_address),
    }


@transaction.atomic
def datafile_spelling_set(*, case: Case, by, kanji_name: str, address: str) -> None:
    """Keep a 送付用 spelling (empty: the 住民記録's), refused when it would not fit either; the timeline
    says what the data file will carry instead of what."""
    kanji_name, address = kanji_name.strip(), address.strip()
    problems = [
        p
        for source, value in (("kanji_name", kanji_name), ("address", address))
        if value
        for p in [_problem(source, value)]
        if p
    ]
    if problems:
        raise ValueError("\n".join(problems))
    locked = Case.objects.select_for_update().select_related("resident").get(pk=case.pk)
    said = [
        texts.DATAFILE_SPELLING(field=label, original=original, sent=value)
        for label, original, value in (
            ("漢字氏名", locked.resident.kanji_name, kanji_name),  # labels: message ids, worded when shown
            ("住所", locked.resident.address, address),
        )
        if value
    ] or [texts.DATAFILE_SPELLING_WITHDRAWN()]
    locked.sent_kanji_name, locked.sent_address = kanji_name, address
    locked.save(update_fields=["sent_kanji_name", "sent_address", "updated_at"])
    case.sent_kanji_name, case.sent_address = kanji_name, address
    for text in said:  # one timeline row per field, each a stored sentence (cases/common/texts.py)
        case_event_record(case=locked, actor=by, action=CaseEvent.Action.DATAFILE_SPELLING, text=text)
