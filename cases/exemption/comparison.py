"""Input vs 住民記録, side by side, for the cross-check screen."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.common.date_display import date_show
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.kernel.models import Case
from cases.registry.selectors.residents import household_proposal


@dataclass(frozen=True)
class Row:
    label: str
    entered: str
    registry: str
    differs: bool


def _row(label: str, entered: str, registry: str, normalize=lambda v: v) -> Row:
    return Row(label, entered or "", registry or "", normalize(entered or "") != normalize(registry or ""))


def applicant_comparison(case: Case) -> list[Row]:
    application, resident = case.exemption, case.resident
    return [
        _row(_("氏名 (カナ)"), application.declared_kana_name, resident.kana_name, normalize_kana),
        _row(_("氏名 (漢字)"), application.declared_kanji_name, resident.kanji_name, normalize_kanji),
        # As every date on screen (2026-11-26 (R8) in English); both sides alike, so only a real
        # difference differs.
        _row(_("生年月日"), date_show(application.declared_birth_date), date_show(resident.birth_date)),
        _row(_("住所"), application.declared_address, resident.address, normalize_kanji),
        _row(_("世帯番号"), resident.household_no, resident.household_no),
    ]


def _name(resident, *, none: str = "") -> str:
    return f"{resident.kanji_name} ({resident.atena_no})" if resident else str(none or _("なし"))


# No 世帯主 on the application or in the 住民記録's proposal means the applicant heads the household. Lazy:
# worded for each reader, not in the language of whoever first imported this module.
SELF_HEAD = gettext_lazy("本人 (申請者が世帯主)")


def household_comparison(case: Case) -> list[Row]:
    application = case.exemption
    proposal = household_proposal(resident=case.resident)
    return [
        _row(_("配偶者"), _name(application.spouse), _name(proposal["spouse"])),
        _row(
            _("世帯主"),
            _name(application.householder, none=SELF_HEAD),
            _name(proposal["householder"], none=SELF_HEAD),
        ),
    ]
