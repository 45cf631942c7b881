"""The papers a case needs, and where each stands: 未提出, 依頼中 (with a due date), 受領, 確認済, or 不要
(waived, with the reason, by a 係長 only). The type's spec lists the papers (`CaseTypeSpec.checklist`);
the list is brought up to date whenever the type asks (its input may change what is needed). A
required paper neither in hand nor waived keeps the case from 照合 and from a 承認 at 決裁 (cases/kernel/steps.py).
Once 決裁 has approved, the papers are what the decision rested on: they stay as they were until a
差戻し or 返戻 brings the case back to 入力."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases.common.date_display import series_separator
from cases.common.texts import Text
from cases.kernel import texts
from cases.kernel.casetypes import casetype_spec
from cases.kernel.models import Case, CaseEvent, ChecklistItem
from cases.kernel.services import case_event_record
from cases.kernel.stages import Stage
from cases.security.models.users import User
from cases.security.scope import offices_act_check

State = ChecklistItem.State

# The stages after 決裁 has decided the case (and the ends): a paper changed there would no longer be
# what the 係長 approved. 差戻し and 返戻 go back to 入力, where the papers move again.
DECIDED_STAGES = frozenset(
    {Stage.READY_TO_SEND, Stage.SENT, Stage.RESULT_RECEIVED, Stage.ANSWER, Stage.CLOSED, Stage.WITHDRAWN}
)


def checklist_open(case: Case) -> bool:
    """Whether the case's papers may still change (not yet decided at 決裁)."""
    return case.stage not in DECIDED_STAGES


@dataclass(frozen=True)
class ChecklistEntry:
    code: str
    label: str
    required: bool = True
    text: Text | None = None  # the name as a sentence when it has computed parts (label_shown)


@transaction.atomic
def checklist_sync(*, case: Case) -> list[ChecklistItem]:
    """Adds the papers the type now needs and updates labels and whether each is required. A paper no
    longer needed is kept, marked not required (what was received stays on record)."""
    spec = casetype_spec(case.case_type)
    with translation.override(settings.LANGUAGE_CODE):  # labels are kept as their message ids (label_shown)
        wanted = spec.checklist(case) if spec.checklist else []
    existing = {item.code: item for item in ChecklistItem.objects.select_for_update().filter(case=case)}
    for position, entry in enumerate(wanted):
        item = existing.pop(entry.code, None)
        label_text = entry.text.as_json() if entry.text else {}
        values = (entry.label, label_text, entry.required, position)
        if item is None:
            ChecklistItem.objects.create(
                case=case,
                code=entry.code,
                label=entry.label,
                label_text=label_text,
                required=entry.required,
                position=position,
            )
        elif (item.label, item.label_text, item.required, item.position) != values:
            item.label, item.label_text, item.required, item.position = values
            item.save(update_fields=["label", "label_text", "required", "position", "updated_at"])
    for item in existing.values():
        if item.required:
            item.required = False
            item.save(update_fields=["required", "updated_at"])
    return list(ChecklistItem.objects.filter(case=case))


@transaction.atomic
def checklist_mark(
    *, case: Case, code: str, state: str, actor: User, due_on: dt.date | None = None, note: str | Text = ""
) -> ChecklistItem:
    """Records where one paper stands. 不要 needs a 係長 and a reason; 依頼中 needs a due date from today.
    ``note``: what the clerk typed, or a `Text` the system writes (shown in each reader's language)."""
    offices_act_check(actor, case.office_id)  # a branch 係長 sees the 本庁's papers, does not mark them
    item = ChecklistItem.objects.select_for_update().filter(case=case, code=code).first()
    if item is None:
        raise ValidationError({"code": _("この案件の提出書類にありません。")})
    # The stage is read after the paper's row lock: a 承認 locks the papers before it reads them
    # (checklist_check), so either it sees this change or this sees the stage it set.
    stage = Case.objects.values_list("stage", flat=True).get(pk=case.pk)
    if stage in DECIDED_STAGES:
        raise ValidationError(
            _(
                "この案件は決裁済み (現在: %(stage)s) のため、提出書類は変更できません。"
                "差戻し・返戻で入力に戻ったときに変更できます。"
            )
            % {"stage": Stage(stage).label}
        )
    if state not in State.values:
        raise ValidationError({"state": _("書類の状態の指定が正しくありません。")})
    said_note = note if isinstance(note, Text) else None
    note = "" if said_note is not None else note.strip()
    if state == State.WAIVED:
        if not actor.has_perm("cases.approve_case"):
            raise PermissionDenied(_("提出書類を不要とできるのは係長のみです。"))
        if not note and said_note is None:
            raise ValidationError({"note": _("不要とする理由を入力してください。")})
    if state == State.REQUESTED:
        if due_on is None:
            raise ValidationError({"due_on": _("依頼中の書類には提出期限を入力してください。")})
        if due_on < timezone.localdate():
            raise ValidationError({"due_on": _("提出期限は今日以降の日付にしてください。")})
    item.state, item.note, item.updated_by = state, note, actor
    item.note_text = said_note.as_json() if said_note else {}
    item.due_on = due_on if state == State.REQUESTED else None
    item.save(update_fields=["state", "note", "note_text", "due_on", "updated_by", "updated_at"])
    with translation.override(settings.LANGUAGE_CODE):  # stored as its message id
        state_label = str(State(state).label)
    said = (
        texts.CHECKLIST_REQUESTED(paper=item.label_param, state=state_label, due=item.due_on)
        if item.due_on
        else texts.CHECKLIST_MARKED(paper=item.label_param, state=state_label)
    )
    if said_note is not None:
        said = texts.CHECKLIST_NOTED(said=said, note=said_note)
    case_event_record(case=case, actor=actor, action=CaseEvent.Action.CHECKLIST, comment=note, text=said)
    return item


def checklist_missing(case: Case) -> list[ChecklistItem]:
    """Required papers neither in hand nor waived."""
    return [item for item in case.checklist.all() if item.required and not item.settled]


def checklist_check(case: Case) -> None:
    """Raises ValidationError naming every required paper still missing (at 照合 and at 承認). Reads
    the papers under their row locks, inside the step's transaction: a paper marked 未提出 a moment
    earlier is seen, and one being marked now waits until the step is done (then finds it decided)."""
    items = ChecklistItem.objects.select_for_update().filter(case=case).order_by("position", "id")
    missing = [item for item in items if item.required and not item.settled]
    if missing:
        names = series_separator().join(item.label_shown for item in missing)  # 「、」 or ", "
        raise ValidationError(
            _(
                "提出されていない必須の書類があります: %(names)s。受領するか、係長が理由を付けて不要としてください。"
            )
            % {"names": names}
        )
