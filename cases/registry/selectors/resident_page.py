"""The read-only resident page: one person's records as the desk holds them."""

from django.utils.translation import gettext as _

from cases.common.identifiers.mynumber import mynumber_masked
from cases.kernel.access import cases_visible_to
from cases.registry.models.corrections import RecordCorrection
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import MyNumber, PensionRecord
from cases.registry.models.residents import Resident
from cases.security.models.users import User


def mynumber_state(resident: Resident) -> str:
    """The masked form shown everywhere but the reveal screen: never a digit."""
    record = MyNumber.objects.filter(resident=resident).only("ciphertext", "purged_at").first()
    if record is not None and record.purged_at:
        return _("消去済")
    return mynumber_masked(record is not None and bool(record.ciphertext))


def resident_page(*, resident: Resident, user: User) -> dict:
    """Everything the page lists. The person's cases are only those this user may open (a clerk sees
    their own office's), so the page never reveals that another office is handling them."""
    pension = PensionRecord.objects.filter(resident=resident).first()
    cases = (
        cases_visible_to(user)
        .filter(resident=resident)
        .select_related("office")
        .order_by("-received_on", "-id")
    )
    # A 整理番号 names a case; another office's case is not shown, nor its number (issue 11).
    visible_numbers = set(cases.values_list("number", flat=True))
    return {
        "visible_numbers": visible_numbers,
        "resident": resident,
        "history": resident.history.all()[:20],
        "pension": pension,
        "mynumber": mynumber_state(resident),
        "qualifications": pension.qualifications.order_by("acquired_on") if pension else [],
        "additional": pension.additional.order_by("joined_on") if pension else [],
        "exemptions": pension.exemptions.order_by("start_on") if pension else [],
        "incomes": IncomeRecord.objects.filter(personal_code=resident.atena_no).order_by("-tax_year"),
        "cases": cases,
        "corrections": RecordCorrection.objects.filter(resident=resident).select_related(
            "case", "applied_by"
        ),
    }
