"""Benchmark: the income attachment (所得情報の添付) for 10,000 exemption applications (target ≤ 30 s).

    .venv/bin/python bench/bench_attachment.py [--applications 10000]

Drops and recreates its own PostgreSQL database (``nenkin_bench_attach`` unless
BENCH_ATTACH_DATABASE_URL says otherwise), migrates it and loads with COPY: applicants with pension
records, spouses (half of the applications) and third-person householders (one in five), 住民税
income records for three 賦課年度 of every one of them and of 100,000 other residents, with about 5%
未申告 (no record for the year that counts); the cases stand at 照合 (cross-check) with the input done.
Most ask for 全額/半額; some are 学生, 納付猶予, 法定免除 or 産前産後 (no income test), some claim the
失業 or DV 特例.

Then `exemption_income_attach(case_ids=...)` runs for 100, 1,000 and 10,000 of them (three disjoint
sets, each attached for the first time, as the job does), counting queries: the count must not grow
with N. Exits 1 when the time or the query count misses its target.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time

import benchlib

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nenkin_bench_attach"
TARGET_SECONDS = 30.0
OTHER_RESIDENTS = 100_000
SEED = 20260701

INCOME_COLUMNS = [
    "created_at", "updated_at", "personal_code", "tax_year", "household_no", "total_income",
    "self_disability", "self_widow", "spouse_general", "spouse_elderly", "dependants_general",
    "dependants_elderly", "dependants_specified", "widow_deduction", "widow_special_deduction",
    "single_parent_deduction", "disability_count", "disability_deduction", "special_disability_count",
    "special_disability_deduction", "working_student_deduction", "casualty_loss_deduction",
    "medical_deduction", "social_insurance_deduction", "small_business_mutual_aid_deduction",
    "spouse_special_deduction", "specified_relative_special_deduction", "net_loss_carryover", "row_digest",
]  # fmt: skip
APPLICATION_COLUMNS = [
    "id", "created_at", "updated_at", "case_id", "fiscal_year", "kinds", "period_start", "period_end",
    "is_student", "school_name", "special_ground", "job_loss_person", "job_loss_date", "job_loss_evidence",
    "agent_name", "agent_relationship", "power_of_attorney", "statutory_ground", "expected_birth_date",
    "multiple_birth", "identity_documents", "identity_note", "declared_kana_name", "declared_kanji_name",
    "declared_birth_date", "declared_address", "spouse_id", "householder_id", "household_confirmed", "remarks",
]  # fmt: skip


def _income_row(code: str, year: int, household: str, rng: random.Random, now) -> tuple:
    income = rng.choice([0, 0, 350_000, 800_000, 1_280_000, 2_100_000, 3_600_000])
    insurance = min(income // 7, 400_000)
    deductions = [0] * 14
    deductions[10] = insurance  # social_insurance_deduction
    return (now, now, code, year, household, income, 0, 0, False, False, rng.choice([0, 0, 1, 2]), 0, 0,
            *deductions, 0, "")  # fmt: skip


def data_load(count: int, now: dt.datetime) -> list[int]:
    """The applications and everything the attachment reads. Returns the case ids."""
    from django.contrib.auth.models import Group
    from django.db import connection, transaction

    from cases.exemption.periods import fiscal_year_bounds, fiscal_year_of
    from cases.security.models.offices import Office
    from cases.security.models.users import User
    from cases.security.roles import ROLES_BY_CODE

    rng = random.Random(SEED)
    today = now.date()
    with transaction.atomic():
        office = Office.objects.get(code="honcho")
        clerk = User(username="bench_attach_clerk", office=office)
        clerk.set_unusable_password()
        clerk.save()
        clerk.groups.add(Group.objects.get(name=ROLES_BY_CODE["clerk"].group))
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")  # consistent by construction

        residents, pensions, incomes, cases, applications = [], [], [], [], []
        next_resident = 1

        def person(
            household: int, relationship: str, sex: str, born: dt.date, fiscal_year: int | None
        ) -> int:
            nonlocal next_resident
            resident_id = next_resident
            next_resident += 1
            residents.append(benchlib.resident_row(resident_id, rng, now, household=household, relationship=relationship, sex=sex, born=born))  # fmt: skip
            code = f"{100_000_000 + resident_id}"
            for year in (today.year - 2, today.year - 1, today.year):
                # 未申告: no 住民税 record for the year that counts, about one person in twenty.
                if year == fiscal_year and rng.random() < 0.05:
                    continue
                incomes.append(_income_row(code, year, f"{500_000_000 + household}", rng, now))
            return resident_id

        for case_id in range(1, count + 1):
            roll = rng.random()
            student = roll < 0.08
            kinds = (
                ["student"] if student
                else ["deferral"] if roll < 0.18
                else ["statutory"] if roll < 0.21
                else ["maternity"] if roll < 0.23
                else ["full", "half"]
            )  # fmt: skip
            received = today - dt.timedelta(days=rng.randrange(60))
            fiscal_year = fiscal_year_of(received, student=student)
            start, end = fiscal_year_bounds(fiscal_year, student=student)
            born = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(365 * 35))
            if student:
                born = dt.date(today.year - 21, 1, 1) + dt.timedelta(days=rng.randrange(365 * 3))
            sex = "2" if kinds == ["maternity"] else rng.choice("12")
            applicant = person(case_id, "世帯主", sex, born, fiscal_year)
            spouse = householder = None
            if not student and rng.random() < 0.5:
                spouse = person(
                    case_id, "妻" if sex == "1" else "夫", "2" if sex == "1" else "1", born, fiscal_year
                )
            if rng.random() < (0.6 if student else 0.15):
                householder = person(case_id, "父", "1", born - dt.timedelta(days=365 * 28), fiscal_year)
            pensions.append(benchlib.pension_row(applicant, now))
            special = (
                "unemployment" if rng.random() < 0.03 else "dv" if spouse and rng.random() < 0.02 else ""
            )
            cases.append((
                case_id, now, now, f"{received.year}-{case_id:06d}", "exemption", "cross_check", now,
                office.pk, applicant, received, clerk.pk, clerk.pk,
            ))  # fmt: skip
            applications.append((
                case_id, now, now, case_id, fiscal_year, benchlib.as_json(kinds), start, end, student,
                "旭川大学" if student else "", special, "applicant" if special == "unemployment" else "",
                received - dt.timedelta(days=40) if special == "unemployment" else None,
                "separation_notice" if special == "unemployment" else "", "", "", False,
                "1" if kinds == ["statutory"] else "", received + dt.timedelta(days=60) if kinds == ["maternity"] else None,
                False, '["mynumber_card"]', "", "", "", None, "", spouse, householder, True, "",
            ))  # fmt: skip
        for extra in range(OTHER_RESIDENTS):
            person(count + 1 + extra, "世帯主", rng.choice("12"), dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55)), None)  # fmt: skip

        benchlib.copy_rows("cases_resident", benchlib.RESIDENT_COLUMNS, residents)
        benchlib.copy_rows("cases_pensionrecord", benchlib.PENSION_COLUMNS, pensions)
        benchlib.copy_rows("cases_incomerecord", INCOME_COLUMNS, incomes)
        benchlib.copy_rows(
            "cases_case",
            ["id", "created_at", "updated_at", "number", "case_type", "stage", "stage_since", "office_id",
             "resident_id", "received_on", "received_by_id", "inputter_id",
             "sent_kana_name", "sent_kanji_name", "sent_address"],
            ((*case, "", "", "") for case in cases),  # the data file's own spellings: none (as recorded)
        )  # fmt: skip
        benchlib.copy_rows("cases_exemptionapplication", APPLICATION_COLUMNS, applications)
        benchlib.sequences_reset(
            "cases_resident", "cases_pensionrecord", "cases_case", "cases_exemptionapplication"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"loaded {count:,} applications, {len(residents):,} residents, {len(incomes):,} income records")
    return [row[0] for row in cases]


def attach_measure(case_ids: list[int]) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.exemption.income_attachment import exemption_income_attach

    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        attached = exemption_income_attach(case_ids=case_ids)
        elapsed = time.perf_counter() - started
    assert attached == len(case_ids), (attached, len(case_ids))
    by_kind: dict[str, float] = {}
    for query in ctx.captured_queries:
        kind = query["sql"].lstrip().split(None, 1)[0].upper()
        by_kind[kind] = by_kind.get(kind, 0.0) + float(query["time"])
    spent = ", ".join(f"{kind} {seconds:.2f} s" for kind, seconds in sorted(by_kind.items()))
    print(f"  {len(case_ids):,}: database time by statement: {spent}")
    return elapsed, len(ctx.captured_queries), attached


def results_check(case_ids: list[int]) -> dict:
    """What a clerk would see at the cross-check: every application has its attachment."""
    from cases.exemption.models import ExemptionApplication
    from cases.kernel.models import CaseEvent

    applications = ExemptionApplication.objects.filter(case_id__in=case_ids)
    missing_people = sum(
        1
        for attachment in applications.values_list("income_attachment", flat=True)
        for person in attachment["people"]
        if person["missing"]
    )
    return {
        "without attachment": applications.filter(income_attached_at__isnull=True).count(),
        "without income test": applications.filter(income_attachment__income_test=False).count(),
        "people 未申告": missing_people,
        "events": CaseEvent.objects.filter(
            case_id__in=case_ids, action=CaseEvent.Action.INCOME_ATTACHED
        ).count(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--applications", type=int, default=10_000)
    args = parser.parse_args()

    url = os.environ.get("BENCH_ATTACH_DATABASE_URL", DEFAULT_URL)
    benchlib.database_prepare(url, recreate=True)
    benchlib.django_setup(url)
    print(benchlib.machine_line())
    sizes = sorted({n for n in (100, 1_000, args.applications) if n <= args.applications})
    case_ids = data_load(sum(sizes), dt.datetime.now(dt.UTC))

    rows, measured, offset = [], {}, 0
    for size in sizes:
        elapsed, queries, attached = attach_measure(case_ids[offset : offset + size])
        offset += size
        measured[size] = (elapsed, queries)
        print(f"  attached {attached:,} in {elapsed:.2f} s with {queries} queries "
              f"(load average {os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
    checks = results_check(case_ids)
    print(f"  check: {checks}")
    base_queries = measured[sizes[0]][1]
    failed = 0
    for size in sizes:
        elapsed, queries = measured[size]
        time_ok = size != args.applications or elapsed <= TARGET_SECONDS
        queries_ok = queries == base_queries
        passed = time_ok and queries_ok and not checks["without attachment"]
        failed += not passed
        rows.append([
            f"{size:,}", str(queries), f"{elapsed:.2f}", f"{elapsed / size * 1000:.2f}",
            f"≤{TARGET_SECONDS:.0f} s" if size == args.applications else "-",
            f"= {base_queries} (as for {sizes[0]:,})", "PASS" if passed else "FAIL",
        ])  # fmt: skip
    print("\nexemption_income_attach(case_ids=...):")
    benchlib.table_print(
        ["applications", "queries", "seconds", "ms/app", "time target", "query target", "result"], rows
    )
    print(f"\n{len(rows) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
