"""The 機構 forms a case is filed on, in one place: each row holds its data-file code, its PDF template,
whether its 届書 may carry the 個人番号 and the record it adds to the data file (filing_records.py).

機構's forms are the kernel's, not a type's: two types that file on one form (the 資格届出 and a 付加
申出 both on form 31) refer to the same row here (`kiko_form`), since a type cannot import another
(import-linter) and a copy would drift. A type still lists its forms in its spec
(`CaseTypeSpec.filing_forms`); registering a form whose code another already holds is refused
(`forms_check`), where before the last registration silently won. 機構's own 届書種別 code values were
not available (domain.md §4.2); the codes are this product's, listed in docs/formats/submission.md §3.1.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from cases.kernel.filing_records import QUALIFICATION_RECORD, FormRecord

__all__ = ["FORM_GLOSS_CONTEXT", "FilingForm", "FormRecord", "forms_check", "kiko_form", "kiko_forms"]

# The context of a form's gloss in the catalogues: its message id is 機構's official title, its English
# says what the form is. The title itself is never translated (below). Written out at each
# pgettext_lazy: makemessages reads only a literal context.
FORM_GLOSS_CONTEXT = "機構の様式名"


@dataclass(frozen=True)
class FilingForm:
    code: str  # 届書種別 in the data file
    label: str  # the form's name as printed on the 受付票, 送付書 and the 届書
    short: str  # its column in the 送付一覧表
    data_label: str  # its name in the data file's manifest and on the bundle screens
    template: str = ""  # the 届書 PDF template ("" when the desk prints none)
    # pgettext_lazy("機構の様式名", <data_label>): what the form is, in the reader's language.
    gloss: Promise | str = ""
    # The 届書 may carry the 個人番号 instead of the 基礎年金番号, for a person who has none (則1条の4第1項4号
    # for form 31): the data record then has zeros there, and the number is on the 届書 PDF only — never
    # in the data file or its CSV. Otherwise the data file refuses a case without a 基礎年金番号.
    mynumber_allowed: bool = False
    # the record written after each case's data record (None: the data record alone)
    record: FormRecord | None = None

    @property
    def gloss_shown(self) -> str:
        """The gloss beside the official title on a screen in another language ("" on a Japanese one,
        where it is the title). The title stays as 機構 prints it: it is the name on the paper the
        clerk holds and the one 機構 answers about; the gloss only says what it means."""
        gloss = str(self.gloss)
        return "" if gloss == self.data_label else gloss


_EXEMPTION = "documents/pdf/filing_exemption.html"
_KIKO_FORMS = (
    FilingForm(
        "11",
        "国民年金保険料 免除・納付猶予申請書",
        "免除・納付猶予申請書",
        "国民年金保険料免除・納付猶予申請書",
        _EXEMPTION,
        pgettext_lazy("機構の様式名", "国民年金保険料免除・納付猶予申請書"),
    ),
    FilingForm(
        "12",
        "国民年金保険料 学生納付特例申請書",
        "学生納付特例申請書",
        "国民年金保険料学生納付特例申請書",
        _EXEMPTION,
        pgettext_lazy("機構の様式名", "国民年金保険料学生納付特例申請書"),
    ),
    FilingForm(
        "13",
        "国民年金保険料 法定免除該当届",
        "法定免除該当届",
        "国民年金保険料免除理由該当届 (法定免除)",
        "documents/pdf/filing_statutory.html",
        pgettext_lazy("機構の様式名", "国民年金保険料免除理由該当届 (法定免除)"),
    ),
    FilingForm(
        "14",
        "国民年金保険料 産前産後期間の免除届",
        "産前産後免除届",
        "国民年金保険料産前産後期間の免除届",
        "documents/pdf/filing_maternity.html",
        pgettext_lazy("機構の様式名", "国民年金保険料産前産後期間の免除届"),
    ),
    FilingForm(
        "21",
        "年金請求書 (国民年金障害基礎年金)",
        "障害基礎年金請求書",
        "年金請求書 (国民年金障害基礎年金) 様式第107号",
        "documents/pdf/filing_disability.html",  # the 送付票: the claim's papers go as paper originals
        pgettext_lazy("機構の様式名", "年金請求書 (国民年金障害基礎年金) 様式第107号"),
    ),
    FilingForm(
        "31",
        "国民年金被保険者関係届書 (申出書)",
        "資格届書",
        "国民年金被保険者関係届書 (資格取得・喪失・種別変更・任意加入・付加・死亡)",
        "documents/pdf/filing_qualification.html",
        pgettext_lazy(
            "機構の様式名", "国民年金被保険者関係届書 (資格取得・喪失・種別変更・任意加入・付加・死亡)"
        ),
        mynumber_allowed=True,
        record=QUALIFICATION_RECORD,
    ),
)
_BY_CODE = {form.code: form for form in _KIKO_FORMS}


def kiko_form(code: str) -> FilingForm:
    """The kernel's form with this 届書種別 code (KeyError for a code it does not know)."""
    return _BY_CODE[code]


def kiko_forms() -> tuple[FilingForm, ...]:
    return _KIKO_FORMS


def forms_check(owner: str, forms: Iterable[FilingForm], held: Iterable[tuple[str, FilingForm]]) -> None:
    """Refuses `owner`'s forms when one differs from a form already held under its code — by a registered
    type (`held`: (type code, form)) or the kernel — or adds a record under a レコード区分 another record
    holds: the data file, the 送付書 and the 届書 would each take one of them, unsaid."""
    held = [*held, *(("cases/kernel/filing.py", form) for form in _KIKO_FORMS)]
    for form in forms:
        for other_owner, other in [(owner, f) for f in forms] + held:
            if other.code == form.code and other != form:
                raise ImproperlyConfigured(
                    f"届書種別「{form.code}」の様式が二つあります: 案件種別「{owner}」の「{form.data_label}」と"
                    f"「{other_owner}」の「{other.data_label}」。同じ届書で届け出る種別は cases/kernel/filing.py "
                    "の様式 (kiko_form) を使ってください。"
                )
            mine, theirs = form.record, other.record
            if mine and theirs and mine.record_type == theirs.record_type and mine != theirs:
                raise ImproperlyConfigured(
                    f"レコード区分「{mine.record_type}」のレコードが二つあります: 案件種別「{owner}」の"
                    f"「{mine.title}」(届書種別 {form.code}) と「{other_owner}」の「{theirs.title}」"
                    f"(届書種別 {other.code})。"
                )
