"""What a case type's spec is made of (CaseTypeSpec and its parts); the registry that holds the
specs is cases/kernel/casetypes.py. Kept apart so a type's package reads one short file for the fields
it fills in, and the registry's look-ups stay short too."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cases.common.texts import Text
from cases.kernel.filing import FilingForm
from cases.kernel.stages import FILED_STAGES, Stage

RECEIPT_EXAMINED = "審査の結果は、日本年金機構から郵送で通知されます。"


@dataclass(frozen=True)
class ReceiptWording:
    """What a type's 受付票 says that is not the same for every type. Plain Japanese, not message ids: the
    PDF prints in Japanese whatever the screen's language. The defaults fit an application the city
    sends to 機構, which examines it and mails the result; whether the papers go to 機構 at all is the
    spec's `filing_forms`, not said here."""

    # what follows once the city has received it (one of the receipt's next steps)
    outcome: str = RECEIPT_EXAMINED
    # the row naming what was received, when not the receipt's 「受け付けた書類」 (a 機構 form): a request
    # settled at the city names its 請求の種類
    received_label: str = ""
    # the closing line, when the receipt's (received, not yet approved or paid) does not fit
    notice: str = ""


def _no_documents(case) -> tuple[str, ...]:
    return ()


@dataclass(frozen=True)
class ResultHandler:
    """How 機構's 処理結果一覧表 applies to cases of a type, beyond the stage and timeline the kernel
    writes. All three work on whole lists, so a 10,000-line file stays a handful of queries.

    - `check(matched)`: matched is [(row, case)]; returns {line no: why} for lines that cannot be used
      (they go to the 突合 queue instead), e.g. no 免除情報 was recorded at approval.
    - `apply(matched, now)`: writes the type's records; returns [(row, case, difference text)] for
      results that differ from what was filed (each becomes a 突合 item; the case still closes).
    - `differences(matched)`: {line no: text} for results that differ from what was filed, without
      writing anything (the confirmation screen's preview).
    - `grant_required`: a 承認 line must say what was granted (免除種類, 期間開始); the file is refused
      otherwise, as for a line that matches no case.
    """

    check: Callable[[list], dict[int, str]]
    apply: Callable[[list, Any], list[tuple]]
    differences: Callable[[list], dict[int, str]] = lambda matched: {}
    grant_required: bool = False


@dataclass(frozen=True)
class Intake:
    """A counter's way in to a type: a link on the intake search and the resident page. `url`: the URL
    name of the intake screen (it takes the resident's id); `when`: for a resident on the register
    ("living"), one removed from it ("removed") or both ("always"); `query`: added to the link."""

    url: str
    label: Any  # a lazy string
    when: str = "living"
    query: str = ""
    order: int = 50  # where the link stands among the types' links


@dataclass(frozen=True)
class SameApplication:
    """What sets two applications of a type apart when a person may have several open at once (the
    exemption's 申請年度: this year's and a past year's are applied for together). The intake screen asks
    for a confirmation only for an open case with the same key as the one being taken, and names each
    open case with its label beside the 整理番号. Without it, any open case of the type is the same."""

    key: Callable[[Any], Any]  # (case) → the key, e.g. its 年度 (the case's application row is selected)
    label: Callable[[Any], str]  # (key) → its name on the screen, in the screen's language (令和8年度)


@dataclass(frozen=True)
class CaseTypeSpec:
    code: str  # Case.case_type
    label: Any  # a lazy string
    # who the case is for, as the type's screens name them (a lazy string): the 申請者 of an
    # application (申請), the 請求者 of a claim (請求), the 届出者 of a notification (届出)
    person_label: Any = None
    stages: frozenset[Stage] = FILED_STAGES
    # Case's related_name for the type's application row ("" when the type has none)
    application: str = ""
    # what screens and the bundle read with each case (select_related paths from Case)
    related: tuple[str, ...] = ()
    # the 機構 forms it is filed on; none: settled at the city (決裁 → 完了)
    filing_forms: tuple[FilingForm, ...] = ()
    filing_form: Callable[[Any], FilingForm] | None = None
    # what the data file carries beyond the person: [cases] → {case id: {key: value}} (one query for the
    # whole bundle). Keys: the data record's (cases/submission/records.py FILED_KEYS: kinds, fiscal_year,
    # reason, period_start, period_end, first_visit, recognition_date, claim_kind, originals_separate)
    # and the `key` of the case's form's record (FilingForm.record); any other key stops the bundle.
    filing_values: Callable[[list], dict[int, dict]] | None = None
    # a 受付票 is handed over at intake; or (case) → bool when it depends on the case (a claim the
    # city does not take gets the type's referral slip instead)
    receipt: bool | Callable[[Any], bool] = True
    # What the 受付票 says for the type (the PDF is Japanese): an application or a claim is examined and
    # its result mailed; a filing is recorded; a request is decided by the city by its 決定期限.
    receipt_wording: ReceiptWording = ReceiptWording()
    # kinds rendered when approved and sent with the case (besides the 受付票, which stays)
    approval_documents: Callable[[Any], tuple[str, ...]] = _no_documents
    # kinds issued by hand on the case page (e.g. the 開示報告書)
    other_documents: Callable[[Any], tuple[str, ...]] = _no_documents
    # a document kind's own name for this type (its Japanese message id), on the case page and in the
    # PDF's footer: the 障害基礎年金 claim's "filing" is its 送付票, not a 届書
    document_labels: dict[str, str] = field(default_factory=dict)
    # the papers a case needs: (case) → [ChecklistEntry]; the kernel keeps their state (checklist.py)
    checklist: Callable[[Any], list] | None = None
    # hooks the stage services call (cases/kernel/steps.py); each is optional
    input_save: Callable[..., str | Text | None] | None = None  # (case, actor, data) at 入力 → timeline note
    # (case, actor, data): keeps what was typed at 入力 without going on. A type with it (and a
    # checklist) can send a case from 入力 to 書類不備 for its missing papers (stage_input_papers_request)
    input_store: Callable[..., Any] | None = None
    cross_check_ready: Callable[[Any], None] | None = None  # (case); raises ValidationError
    approved: Callable[..., None] | None = None  # (case, actor) inside the 決裁 transaction
    result: ResultHandler | None = None
    # 機構's decisions in the type's own words where they differ from 承認・却下 (Decision value → label):
    # the timeline and the results preview say them so
    decision_labels: dict[str, Any] = field(default_factory=dict)
    # days from the request the law gives to decide it (the day of the request not counted, 民法140条);
    # None: no decision deadline of its own (a type filed with 機構 has the 送付期限 instead)
    decision_days: int | None = None
    # stages the kernel's send-back and approval go to
    send_back_stage: Stage = Stage.INPUT
    approved_stage: Stage | None = None  # None: 送付待ち when filed with 機構, else 完了
    # wording of refusals that differ by type (duty step → message)
    duty_refusals: dict[str, Any] = field(default_factory=dict)
    # the counter's links to the type's intake screen (types sharing one screen name it once)
    intakes: tuple[Intake, ...] = ()
    # 個人番号利用事務 (番号法9条・別表第一: 国民年金法による資格の届出・保険料の免除・年金の給付): an open case
    # of the type at the user's office lets a 個人番号 be shown without a 係長's approval
    # (cases/registry/reveals.py). Off unless a type says so: a request about one's records (開示・訂正・
    # 利用停止, 個人情報保護法) is not number-use work, and a new type must decide.
    number_use: bool = False
    # what tells the person's open cases of the type apart at intake (None: the type alone)
    same_application: SameApplication | None = None

    @property
    def goes_to_kiko(self) -> bool:
        return bool(self.filing_forms)

    @property
    def after_approval(self) -> Stage:
        if self.approved_stage is not None:
            return self.approved_stage
        return Stage.READY_TO_SEND if self.goes_to_kiko else Stage.CLOSED

    def has_receipt(self, case) -> bool:
        return self.receipt(case) if callable(self.receipt) else self.receipt

    def document_kinds(self, case) -> list[str]:
        """Every document a case of this type can have, in the order the case page lists them."""
        kinds = ["receipt"] if self.has_receipt(case) else []
        return [*kinds, *self.approval_documents(case), *self.other_documents(case)]
