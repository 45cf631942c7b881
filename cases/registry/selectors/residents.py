from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cases.common.identifiers.digits import normalize_digits
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.common.identifiers.pension_no import pension_no_normalize
from cases.registry.models.residents import Resident

SEARCH_LIMIT = 50


def residents_search(
    *,
    kana: str = "",
    kanji: str = "",
    birth_date=None,
    atena_no: str = "",
    pension_no: str = "",
) -> QuerySet[Resident]:
    """Prefix search on normalised names plus exact identifiers. Raises ValidationError when empty."""
    queryset = Resident.objects.select_related("pension")
    criteria = 0
    if kana.strip():
        queryset, criteria = queryset.filter(kana_search__startswith=normalize_kana(kana)), criteria + 1
    if kanji.strip():
        queryset, criteria = queryset.filter(kanji_search__startswith=normalize_kanji(kanji)), criteria + 1
    if birth_date:
        queryset, criteria = queryset.filter(birth_date=birth_date), criteria + 1
    if atena_no.strip():
        queryset, criteria = queryset.filter(atena_no=normalize_digits(atena_no)), criteria + 1
    if pension_no.strip():
        queryset = queryset.filter(pension__basic_pension_no=pension_no_normalize(pension_no))
        criteria += 1
    if not criteria:
        raise ValidationError(_("検索条件を1つ以上入力してください。"))
    return queryset.order_by("kana_search", "birth_date", "id")


def household_members(*, resident: Resident) -> QuerySet[Resident]:
    return Resident.objects.filter(household_no=resident.household_no, removed_on__isnull=True).order_by(
        "-is_householder", "birth_date"
    )


def household_proposal(*, resident: Resident) -> dict:
    """Spouse and 世帯主 as the 住民記録 shows them, for the clerk to confirm at input."""
    members = list(household_members(resident=resident))
    householder = next((m for m in members if m.is_householder), None)
    spouse = None
    if resident.is_householder:
        spouse = next((m for m in members if m.relationship in {"妻", "夫"} and m.pk != resident.pk), None)
    elif resident.relationship in {"妻", "夫"}:
        spouse = householder
    return {
        "members": members,
        "spouse": spouse,
        "householder": None if resident.is_householder else householder,
    }
