"""The income attachment (所得情報の添付) for exemption cases, built in bulk by a Celery job.

Which 賦課年度: a 免除年度 starting in July of year Y is judged on income of Y−1 for every month
(前年所得, and 前々年所得 for January–June), which is what the 住民税 assessment of 賦課年度 Y holds
(domain.md §1.3). The same holds for a 学生年度 starting in April of Y.
"""

import json

from django.db import connection, transaction
from django.utils import timezone

from cases.common.texts import Text
from cases.exemption import texts
from cases.exemption.models import ExemptionApplication, PersonRole, SpecialGround
from cases.exemption.services import exemption_request_of
from cases.kernel.models import CaseEvent
from cases.registry.models.income import IncomeRecord
from cases.registry.models.residents import Resident

INCOME_FIELDS = [
    field.name
    for field in IncomeRecord._meta.get_fields()
    if field.concrete and field.name not in {"id", "created_at", "updated_at", "row_digest", "line_digest"}
]


def tax_year_for(application: ExemptionApplication) -> int:
    return application.fiscal_year


def _people(application: ExemptionApplication) -> list[tuple[str, Resident]]:
    applicant = application.case.resident
    people = [(PersonRole.APPLICANT, applicant)]
    spouse = application.spouse
    if spouse is not None and application.special_ground != SpecialGround.DOMESTIC_VIOLENCE:
        people.append((PersonRole.SPOUSE, spouse))
    householder = application.householder
    # The householder is only tested as such when it is a third person.
    if householder is not None and householder.pk not in {applicant.pk, getattr(spouse, "pk", None)}:
        people.append((PersonRole.HOUSEHOLDER, householder))
    return people


def _income_values(record: IncomeRecord) -> dict:
    values = {name: getattr(record, name) for name in INCOME_FIELDS}
    if values["revised_on"] is not None:
        values["revised_on"] = values["revised_on"].isoformat()
    return values


def _person_snapshot(role: str, resident: Resident, tax_year: int, record: IncomeRecord | None) -> dict:
    return {
        "role": str(role),
        "resident_id": resident.pk,
        "atena_no": resident.atena_no,
        "name": resident.kanji_name,
        "birth_date": resident.birth_date.isoformat(),
        "tax_year": tax_year,
        "missing": record is None,  # 未申告: no 住民税 record for that year
        "income": _income_values(record) if record else None,
    }


def attachment_stale_names(application: ExemptionApplication) -> tuple[list[str], list[str]]:
    """Names of the people whose 住民税 record for the attached 賦課年度 is no longer what was attached: first
    those imported since (a late 申告: attached as 未申告) or revised (更正), then those removed (attached,
    no longer on record), which the screens word apart. The snapshot is kept as it was (what 照合
    compared); a new 入力 attaches again."""
    attachment = application.income_attachment
    if not attachment or not attachment.get("income_test"):
        return [], []
    people = attachment["people"]
    records = {
        record.personal_code: record
        for record in IncomeRecord.objects.filter(
            personal_code__in=[person["atena_no"] for person in people], tax_year=attachment["tax_year"]
        )
    }
    changed, removed = [], []
    for person in people:
        record = records.get(person["atena_no"])
        if record is None:
            if not person["missing"]:
                removed.append(person["name"])
        elif person["missing"]:
            changed.append(person["name"])
        else:
            now = _income_values(record)
            # Snapshots taken before a field existed lack it: only the fields attached are compared.
            if any(now[name] != value for name, value in person["income"].items() if name in now):
                changed.append(person["name"])
    return changed, removed


def attachment_year_pending(attachment: dict | None) -> bool:
    """The attached 賦課年度 had not been imported when attached (未取込): nobody in it is 未申告. Attachments
    made before this was recorded lack the key and read as imported, as they were shown."""
    return bool(attachment and attachment.get("income_test") and attachment.get("year_imported") is False)


def _years_imported(years: set[int], found: set[int]) -> set[int]:
    """The 賦課年度 the city holds any 住民税 record of: those a tested person's record was `found` in, and one
    EXISTS for each other year (it stops at the first row; none in the usual case)."""
    return found | {year for year in years - found if IncomeRecord.objects.filter(tax_year=year).exists()}


def _attachment(
    application: ExemptionApplication, incomes: dict[tuple[str, int], IncomeRecord], imported: set[int]
) -> dict:
    request = exemption_request_of(application)
    tax_year = tax_year_for(application)
    if not request.needs_income_test:
        return {"tax_year": None, "people": [], "income_test": False}
    people = [
        _person_snapshot(role, resident, tax_year, incomes.get((resident.atena_no, tax_year)))
        for role, resident in _people(application)
    ]
    return {
        "tax_year": tax_year,
        # 住民税 is assessed in June: a 学生年度 from April (法90条の3第1項1号) may ask for a year not yet imported.
        "year_imported": tax_year in imported,
        "people": people,
        "income_test": True,
        "special_ground": application.special_ground,
        "job_loss_person": application.job_loss_person,
    }


@transaction.atomic
def exemption_income_attach(*, case_ids: list[int], only_missing: bool = True) -> int:
    """Attaches income for many cases with a fixed number of queries.

    With `only_missing` (the job's mode) a case that already has its attachment is left alone, so a
    repeated or duplicated job changes nothing; a new 入力 clears the attachment and so gets a new one.
    """
    applications = ExemptionApplication.objects.select_related(
        "case__resident", "spouse", "householder"
    ).filter(case_id__in=case_ids)
    if only_missing:
        applications = applications.filter(income_attached_at__isnull=True)
    applications = list(applications.select_for_update(of=("self",)))
    wanted = {
        (resident.atena_no, tax_year_for(app)) for app in applications for _role, resident in _people(app)
    }
    codes = {code for code, _year in wanted}
    years = {year for _code, year in wanted}
    incomes = {
        (record.personal_code, record.tax_year): record
        for record in IncomeRecord.objects.filter(personal_code__in=codes, tax_year__in=years)
    }
    imported = _years_imported(years, {year for _code, year in incomes})
    now = timezone.now()
    for application in applications:
        application.income_attachment = _attachment(application, incomes, imported)
        application.income_attached_at = now
    _attachments_save(applications, attached_at=now)
    # No batch size: one INSERT however many cases (Django still splits where the backend must).
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                case_id=app.case_id,
                action=CaseEvent.Action.INCOME_ATTACHED,
                **_event_text(app.income_attachment).fields(),
            )
            for app in applications
        ]
    )
    return len(applications)


def _attachments_save(applications: list[ExemptionApplication], *, attached_at) -> None:
    """One UPDATE for all applications, the attachments sent as a single JSON document.

    bulk_update compiles a CASE branch per row in Python and sends a statement per batch (10,000
    applications took over 30 s, bench/bench_attachment.py); an array of jsonb parameters costs
    seconds of quoting and array parsing, one jsonb parameter almost nothing.
    """
    if not applications:
        return
    if connection.vendor != "postgresql":
        ExemptionApplication.objects.bulk_update(
            applications, ["income_attachment", "income_attached_at"], batch_size=1000
        )
        return
    meta = ExemptionApplication._meta
    attachment = meta.get_field("income_attachment")
    quote = connection.ops.quote_name
    rows = [{"id": app.pk, "attachment": app.income_attachment} for app in applications]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} AS a SET {quote(attachment.column)} = v.attachment, "
            f"{quote(meta.get_field('income_attached_at').column)} = %s "
            "FROM jsonb_to_recordset(%s::jsonb) AS v(id bigint, attachment jsonb) "
            f"WHERE a.{quote(meta.pk.column)} = v.id",
            [attached_at, json.dumps(rows, cls=attachment.encoder)],
        )


def _event_text(attachment: dict) -> Text:
    if not attachment["income_test"]:
        return texts.INCOME_NOT_TESTED()
    missing = [p["name"] for p in attachment["people"] if p["missing"]]
    people = len(attachment["people"])
    if attachment_year_pending(attachment):
        return texts.INCOME_ATTACHED_NOT_IMPORTED(year=attachment["tax_year"], people=people)
    if missing:
        return texts.INCOME_ATTACHED_UNDECLARED(
            year=attachment["tax_year"], people=people, names="、".join(missing)
        )
    return texts.INCOME_ATTACHED(year=attachment["tax_year"], people=people)
