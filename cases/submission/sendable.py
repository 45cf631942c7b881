"""Will this case's person fit the data file for 機構? Asked at the counter, not first at sealing.

The カナ氏名 of every case sent to 機構 (the data record) and the 漢字氏名 and 住所 of a form whose own record
carries them (FilingForm.record: form 31's 資格届出レコード) come from the 住民記録, which the desk cannot edit; a character CP932 or 半角カナ lacks (𠮷 U+20BB7, an IVS
selector, ヰ, ヶ), a カナ氏名 over the record's 40 bytes or an address over 50 characters made the data file
fail only when the weekly bundle was built. The same encoder (fixed_length.py) is run on them here, early,
and the desk may give a 送付用 spelling (吉 for 𠮷, イ for ヰ, a shortened address) that only the data file
carries: the 住民記録, the 届書 PDF and the 受付票 keep the original, and the case's timeline records both.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.common.freetext import halfwidth_kana_widen
from cases.common.identifiers.kana import katakana
from cases.common.kana_fields import validate_kana
from cases.kernel.access import user_acts_on
from cases.kernel.casetypes import CaseTypeNotRegistered, filing_form_of
from cases.kernel.models import Case, CaseEvent, Stage
from cases.kernel.services import case_event_record
from cases.kernel.stages import OPEN_STAGES
from cases.security.models.offices import Office
from cases.submission import texts
from cases.submission.fixed_length import (
    DATA,
    Field,
    RecordValueError,
    form_records,
    record_field_check,
    record_layout,
)
from cases.submission.models import BundleItem, SubmissionBundle

# The receiving clerks (受付・入力, with the person at the counter) or their supervisor (before sealing).
SPELLING_PERMISSIONS = ("cases.take_intake", "cases.approve_case")
# Each spelling: the encoder's source (the form's name too), the Case field keeping it, its box's label.
# A case's records carry the ones their layouts name: the data record the カナ氏名, a form's own record
# (FilingForm.record, e.g. form 31's 資格届出レコード) its 漢字氏名 and 住所.
SENT_FIELDS = {
    "kana_name": ("sent_kana_name", gettext_lazy("送付用のカナ氏名"), 40),
    "kanji_name": ("sent_kanji_name", gettext_lazy("送付用の漢字氏名"), 20),
    "address": ("sent_address", gettext_lazy("送付用の住所"), 50),
}
# Until 送付待ち included: 送付済 and after, what went to 機構 is the sealed ZIP's (decision 44).
SPELLING_STAGES = OPEN_STAGES - {Stage.SENT}


def sent_kana_name(case: Case) -> str:
    return case.sent_kana_name or case.resident.kana_name


def sent_kanji_name(case: Case) -> str:
    return case.sent_kanji_name or case.resident.kanji_name


def sent_address(case: Case) -> str:
    return case.sent_address or case.resident.address


def _original(case: Case, source: str) -> str:
    return getattr(case.resident, source)


def _sent(case: Case, source: str) -> str:
    return getattr(case, SENT_FIELDS[source][0]) or _original(case, source)


def _fields_of(case: Case) -> dict[str, Field]:
    """The spellable fields of this case's records by source: its data record's and its form's own
    record's (FilingForm.record); none for a type never sent (開示請求 …)."""
    try:
        record = filing_form_of(case).record
    except (CaseTypeNotRegistered, AttributeError, KeyError):
        return {}
    layouts = [DATA, record_layout(record)] if record else [DATA]
    return {f.source: f for layout in layouts for f in layout.fields if f.source in SENT_FIELDS}


def _field_name(source: str, fields: dict[str, Field]) -> str:
    """The field's name as the data file's layout gives it (a message id), from this case's records or,
    for a field they do not carry, from any record that does."""
    if source in fields:
        return fields[source].name
    layouts = [DATA, *(record_layout(record) for record in form_records())]
    return next(f.name for layout in layouts for f in layout.fields if f.source == source)


def spelling_sources(case: Case) -> tuple[str, ...]:
    """What this case's records carry from the 住民記録: the カナ氏名 of any form sent to 機構, and the
    漢字氏名 and 住所 too where its form adds a record that carries them (form 31)."""
    fields = _fields_of(case)
    return tuple(source for source in SENT_FIELDS if source in fields)


def _problem(field: Field, value: str) -> str:
    try:
        record_field_check(field, value)
    except RecordValueError as exc:
        return exc.worded()
    return ""


def datafile_problems(case: Case) -> list[str]:
    """「漢字氏名 — CP932 で表せない文字「𠮷」(U+20BB7) を含みます。」 for each field of this case's records
    that its person's data (or the 送付用 spelling given) would not fit; [] when the records can be written."""
    fields = _fields_of(case)
    checks = [(fields[source], _sent(case, source)) for source in spelling_sources(case)]
    return [problem for field, value in checks if (problem := _problem(field, value))]


class SpellingClosed(Exception):
    """The case's data file is sealed or sent: its 送付用 spelling is no longer the desk's to change."""


def spelling_closed(case: Case) -> str:
    """Why this case's 送付用 spelling can no longer change ("" while it can): the case is past 送付待ち,
    or its bundle is sealed — the seal marks the bundle 封緘 before it moves the cases to 送付済
    (bundle_seal.py), so a seal stopped halfway leaves cases at 送付待ち in a sealed bundle. A sealed ZIP is
    never built again (decision 44): a spelling changed then would be on the timeline and not in it."""
    if case.stage not in SPELLING_STAGES:
        return _("この案件は「%(stage)s」のため、送付用の表記は変更できません。") % {
            "stage": Stage(case.stage).label
        }
    sealed = (
        BundleItem.objects.filter(case=case, live=True)
        .exclude(bundle__state=SubmissionBundle.State.DRAFT)
        .values_list("bundle__number", flat=True)
        .first()
    )
    if sealed:
        return _("この案件は封緘済みの送付 %(number)s に含まれているため、送付用の表記は変更できません。") % {
            "number": sealed
        }
    return ""


def datafile_panel(*, user, case: Case) -> dict:
    """What the case header shows: the problems, the spellings given (field, original, sent), and the
    boxes this user may fill (the case not sent yet, their office's, and something to give or take back);
    ``closed``: why the spelling can no longer change (spelling_closed), said instead of the boxes;
    ``main_office_too``: the 本庁's 係長 may give it besides the case's office's 窓口担当 and 係長."""
    problems = datafile_problems(case)
    fields = _fields_of(case)
    sources = spelling_sources(case)
    given = [
        (_(fields[source].name), _original(case, source), getattr(case, SENT_FIELDS[source][0]))
        for source in sources
        if getattr(case, SENT_FIELDS[source][0])
    ]
    closed = spelling_closed(case) if problems or given else ""
    editable = (
        any(user.has_perm(p) for p in SPELLING_PERMISSIONS)
        and user_acts_on(user, case)
        and bool(problems or given)
        and not closed
    )
    boxes = [
        {"name": source, "label": label, "value": getattr(case, field), "maxlength": maxlength}
        for source in sources
        for field, label, maxlength in [SENT_FIELDS[source]]
    ]
    boxes = boxes if editable else []
    return {
        "problems": problems,
        "given": given,
        "editable": editable,
        "boxes": boxes,
        "closed": closed,
        # Who else gives it, said to a reader who may not: the 本庁's 係長 act for every office
        # (user_acts_on, cases/security/scope.py); for a 本庁 case they are its office's 係長 already.
        "main_office_too": case.office.kind != Office.Kind.MAIN,
    }


def _spelling_checked(source: str, value: str, fields: dict[str, Field]) -> tuple[str, str]:
    """(the spelling as stored, the problem or "") of one box: "" takes the spelling back."""
    value = value.strip()
    if not value:
        return "", ""
    name = _field_name(source, fields)
    if source not in fields:
        return value, _("%(field)s — この案件の送付データには載りません。") % {"field": name}
    if source == "kana_name":
        # Stored as every カナ name is (katakana, full width); the encoder makes it half-width.
        value = katakana(halfwidth_kana_widen(value))
        try:
            validate_kana(value, name)
        except ValidationError as exc:
            return value, exc.messages[0]
    return value, _problem(fields[source], value)


@transaction.atomic
def datafile_spelling_set(
    *, case: Case, by, kana_name: str | None = None, kanji_name: str | None = None, address: str | None = None
) -> None:
    """Keep the 送付用 spellings given (None: as it is; empty: the 住民記録's again), each refused — and
    nothing kept — when it would not fit either or this case's records do not carry its field; the
    timeline says, field by field, what the data file will carry instead of what. Raises SpellingClosed
    once the case's bundle is sealed or the case sent (spelling_closed)."""
    locked = Case.objects.select_for_update().select_related("resident").get(pk=case.pk)
    # Checked under the case's lock: the seal marks its bundle 封緘 (committed) and then moves each case
    # under this same lock before making the ZIP, so a spelling kept here is either refused or in the ZIP.
    if closed := spelling_closed(locked):
        raise SpellingClosed(closed)
    fields = _fields_of(case)
    checked = {
        source: _spelling_checked(source, value, fields)
        for source, value in (("kana_name", kana_name), ("kanji_name", kanji_name), ("address", address))
        if value is not None
    }
    problems = [problem for _value, problem in checked.values() if problem]
    if problems:
        raise ValueError("\n".join(problems))
    changed = {
        source: value
        for source, (value, _unused) in checked.items()
        if value != getattr(locked, SENT_FIELDS[source][0])
    }
    if not changed:
        return
    for source, value in changed.items():
        setattr(locked, SENT_FIELDS[source][0], value)
        setattr(case, SENT_FIELDS[source][0], value)
    locked.save(update_fields=[SENT_FIELDS[source][0] for source in changed] + ["updated_at"])
    for source, value in changed.items():  # one timeline row per field, each a stored sentence
        label = _field_name(source, fields)  # a message id, worded when shown (cases/common/texts.py)
        text = (
            texts.DATAFILE_SPELLING(field=label, original=_original(locked, source), sent=value)
            if value
            else texts.DATAFILE_SPELLING_FIELD_WITHDRAWN(field=label)
        )
        case_event_record(case=locked, actor=by, action=CaseEvent.Action.DATAFILE_SPELLING, text=text)
