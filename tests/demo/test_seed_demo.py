import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q
from django.test import Client, override_settings
from django.utils import timezone

from cases.common.codes import AcquisitionReason, InsuredKind
from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.common.identifiers.mynumber import mynumber_is_valid
from cases.common.identifiers.wareki import age_on, age_reached_on, format_wareki
from cases.demo.names import FAMILY_NAMES, FEMALE_NAMES, FOREIGN_NAMES, MALE_NAMES, SEP
from cases.demo.records import RowBuilder
from cases.demo.users import DEMO_PASSWORD
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import AdditionalPension, Exemption, MyNumber, PensionRecord, Qualification
from cases.registry.models.residents import Resident
from cases.registry.selectors.mynumber import resident_find_by_mynumber
from cases.security.crypto import mynumber_decrypt
from cases.security.models.offices import Office
from cases.security.models.users import User
from cases.security.roles import ROLES_BY_CODE, user_roles

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 11, 26)


def seed(**options) -> str:
    out = StringIO()
    options = {"residents": 401, "seed": 7, "as_of": AS_OF, "no_cases": True, **options}
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def wipe_residents() -> None:
    for model in (
        Exemption,
        AdditionalPension,
        Qualification,
        MyNumber,
        PensionRecord,
        IncomeRecord,
        Resident,
    ):
        model.objects.all().delete()


def snapshot() -> list[tuple]:
    numbers = {
        m.resident_id: mynumber_decrypt(ciphertext=m.ciphertext, atena_no=m.resident.atena_no)
        for m in MyNumber.objects.select_related("resident")
    }
    residents = Resident.objects.order_by("atena_no")
    people = [
        (r.atena_no, r.kanji_name, r.kana_name, r.birth_date, r.address, numbers[r.pk]) for r in residents
    ]
    incomes = list(
        IncomeRecord.objects.order_by("personal_code", "tax_year").values_list(
            "personal_code", "total_income"
        )
    )
    pensions = list(
        PensionRecord.objects.order_by("basic_pension_no").values_list("basic_pension_no", flat=True)
    )
    return [*people, *incomes, *pensions]


@pytest.fixture
def seeded() -> str:
    return seed()


def test_every_role_gets_a_login_at_the_right_office(seeded):
    offices = list(Office.objects.all())
    expected = {f"clerk-{o.code}": ("clerk", o.code) for o in offices}
    expected |= {f"supervisor-{o.code}": ("supervisor", o.code) for o in offices}
    # Every office has a second clerk: 照合 is another clerk's than the inputter's.
    expected |= {f"clerk2-{o.code}": ("clerk", o.code) for o in offices}
    expected |= {
        # Four eyes: 機構's results are applied by a second 本庁 係長, a role grant by a second admin
        # (the exploratory test of 2026-12-05 could not finish either in the demo).
        "supervisor2-honcho": ("supervisor", "honcho"),
        "operator": ("operator", "honcho"),
        "auditor": ("auditor", "honcho"),
        "admin": ("admin", "honcho"),
        "admin2": ("admin", "honcho"),
    }
    users = {u.username: u for u in User.objects.select_related("office").prefetch_related("groups")}
    assert set(users) == set(expected)
    for username, (role, office_code) in expected.items():
        user = users[username]
        assert user_roles(user) == {role}, username
        assert user.office.code == office_code
        assert user.display_name and user.password_changed_at is not None
        assert user.is_staff == (role == "admin") and not user.is_superuser
        assert authenticate(username=username, password=DEMO_PASSWORD) == user
        validate_password(DEMO_PASSWORD, user)  # the real validators from settings
    assert users["clerk-honcho"].display_name != users["clerk2-honcho"].display_name


def test_every_demo_office_has_a_counter_telephone_for_the_receipts(seeded):
    """QA walk (eighth session): the 受付票 says 「受付事務所からご連絡します」 and prints the office's number,
    but the demo's offices had none. Invented numbers (0166-00-…: no such exchange), distinct per office."""
    phones = list(Office.objects.values_list("phone", flat=True))
    assert all(phone.startswith("0166-00-") for phone in phones)
    assert len(set(phones)) == len(phones)


def test_the_logins_table_is_printed_for_the_newcomer(seeded):
    assert DEMO_PASSWORD in seeded
    for username in ("clerk-honcho", "clerk2-honcho", "supervisor-kamui", "operator", "auditor", "admin"):
        assert username in seeded
    for group in (role.group for role in ROLES_BY_CODE.values()):
        assert group in seeded
    assert "神居支所" in seeded and "401" in seeded


def test_exactly_the_requested_number_of_residents_each_household_with_one_head(seeded):
    assert Resident.objects.count() == 401
    heads = Resident.objects.values("household_no").annotate(heads=Count("id", filter=Q(is_householder=True)))
    assert {row["heads"] for row in heads} == {1}
    assert set(Resident.objects.filter(is_householder=True).values_list("relationship", flat=True)) == {
        "世帯主"
    }
    relationships = Counter(Resident.objects.values_list("relationship", flat=True))
    assert set(relationships) <= {"世帯主", "妻", "夫", "子", "父", "母"}
    assert relationships["妻"] and relationships["子"] and relationships["父"] + relationships["母"]
    sizes = Counter(Resident.objects.values_list("household_no", flat=True))
    assert 1 in sizes.values() and max(sizes.values()) >= 4


def test_households_look_like_a_city(seeded):
    residents = list(Resident.objects.all())
    ages = [age_on(r.birth_date, AS_OF) for r in residents]
    assert sum(20 <= a <= 59 for a in ages) > len(ages) * 0.4
    assert any(a >= 75 for a in ages) and any(a < 6 for a in ages)
    assert any(20 <= a <= 22 for a in ages)
    assert all(r.address.startswith("旭川市") for r in residents)
    assert any(r.nationality != "日本" for r in residents)
    assert sum(r.nationality == "日本" for r in residents) > len(residents) * 0.9
    moved_in = [r for r in residents if r.address_before_move_in]
    assert moved_in and all(r.resided_on and r.change_reason in ("02", "10") for r in moved_in)
    removed = [r for r in residents if r.removed_on]
    assert removed and all(r.change_reason in ("04", "05", "11") for r in removed)
    single_parents = [
        h
        for h, members in _households(residents).items()
        if {"子"} <= members and not members & {"妻", "夫"} and len(members) == 2
    ]
    assert single_parents


def _households(residents) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in residents:
        out.setdefault(r.household_no, set()).add(r.relationship)
    return out


def test_kana_and_kanji_names_come_in_matching_pairs(seeded):
    family = set(FAMILY_NAMES)
    given = {"1": {(n.kanji, n.kana) for n in MALE_NAMES}, "2": {(n.kanji, n.kana) for n in FEMALE_NAMES}}
    foreign = {(n.kanji, n.kana) for n in FOREIGN_NAMES}
    for r in Resident.objects.all():
        if r.nationality == "日本":
            family_kanji, given_kanji = r.kanji_name.split(SEP)
            family_kana, given_kana = r.kana_name.split(SEP)
            assert (family_kanji, family_kana) in family, r.kanji_name
            assert (given_kanji, given_kana) in given[r.sex], r.kanji_name
        else:
            assert (r.kanji_name, r.kana_name) in foreign, r.kanji_name
        assert r.kana_search == normalize_kana(r.kana_name)
        assert r.kanji_search == normalize_kanji(r.kanji_name)


def test_name_tables_are_big_enough_and_include_small_kana():
    assert len(FAMILY_NAMES) >= 60 and len(MALE_NAMES) + len(FEMALE_NAMES) >= 80
    readings = {n.kana for n in (*MALE_NAMES, *FEMALE_NAMES)}
    assert {"ショウ", "キョウコ"} <= readings
    assert all(normalize_kana(n.kana) for n in FAMILY_NAMES)


def test_every_mynumber_is_valid_encrypted_and_findable(seeded):
    rows = list(MyNumber.objects.select_related("resident"))
    assert len(rows) == Resident.objects.count()
    plain = [mynumber_decrypt(ciphertext=m.ciphertext, atena_no=m.resident.atena_no) for m in rows]
    assert all(mynumber_is_valid(n) for n in plain)
    assert len(set(plain)) == len(plain)
    with connection.cursor() as cursor:
        cursor.execute("SELECT ciphertext || ' ' || coalesce(lookup_hash, '') FROM cases_mynumber")
        stored = "\n".join(row[0] for row in cursor.fetchall())
    assert not any(n in stored for n in plain)
    sample = rows[3]
    assert resident_find_by_mynumber(number=plain[3]) == sample.resident


def test_working_age_people_have_pension_records_with_a_history(seeded):
    residents = Resident.objects.select_related("pension")
    working = [r for r in residents if 20 <= age_on(r.birth_date, AS_OF) <= 59 and not r.removed_on]
    assert all(hasattr(r, "pension") for r in working)
    numbers = list(PensionRecord.objects.values_list("basic_pension_no", flat=True))
    assert all(len(n) == 10 and n.isdigit() for n in numbers) and len(set(numbers)) == len(numbers)
    for q in Qualification.objects.filter(acquired_reason=AcquisitionReason.AGE_20).select_related(
        "pension__resident"
    ):
        assert q.acquired_on == age_reached_on(q.pension.resident.birth_date, 20)
    kinds = set(Qualification.objects.values_list("insured_kind", flat=True))
    assert {InsuredKind.FIRST, InsuredKind.SECOND, InsuredKind.THIRD} <= kinds
    assert Qualification.objects.filter(lost_on__isnull=False).exists()
    assert Exemption.objects.filter(decision="approved").exists()
    assert all(e.reference_no for e in Exemption.objects.all())
    assert PensionRecord.objects.exclude(phone="").exists()


def test_income_for_two_tax_years_varied_and_some_adults_undeclared(seeded):
    years = Counter(IncomeRecord.objects.values_list("tax_year", flat=True))
    assert set(years) == {2025, 2026}
    incomes = list(IncomeRecord.objects.all())
    assert sum(i.total_income <= 700_000 for i in incomes) > len(incomes) * 0.3
    assert any(1_000_000 <= i.total_income <= 3_000_000 for i in incomes)
    assert any(i.dependants_general for i in incomes) and any(i.spouse_general for i in incomes)
    assert any(i.dependants_specified or i.dependants_elderly or i.spouse_elderly for i in incomes)
    assert any(i.self_widow for i in incomes) and any(i.self_disability for i in incomes)
    assert any(i.medical_deduction for i in incomes)
    earners = [i for i in incomes if i.total_income >= 1_000_000]
    ratio = sum(i.social_insurance_deduction for i in earners) / sum(i.total_income for i in earners)
    assert 0.12 < ratio < 0.2
    codes = {i.personal_code for i in incomes}
    jan1 = dt.date(2025, 1, 1)
    settled_adults = Resident.objects.filter(
        birth_date__lte=dt.date(2000, 1, 1), removed_on__isnull=True
    ).exclude(resided_on__gt=jan1)
    undeclared = [r for r in settled_adults if r.atena_no not in codes]
    assert 0 < len(undeclared) < len(settled_adults) * 0.15


def test_second_run_adds_nothing_and_says_so(seeded):
    counts = (User.objects.count(), Resident.objects.count(), IncomeRecord.objects.count())
    again = seed()
    assert (User.objects.count(), Resident.objects.count(), IncomeRecord.objects.count()) == counts
    assert "既に" in again and DEMO_PASSWORD in again


def test_a_changed_password_is_kept_and_not_shown(seeded):
    user = User.objects.get(username="clerk-kamui")
    user.set_password("a-different-password-42")
    user.save()
    again = seed(residents=0)
    user.refresh_from_db()
    assert user.check_password("a-different-password-42")
    line = next(line for line in again.splitlines() if "clerk-kamui" in line)
    assert DEMO_PASSWORD not in line


def test_the_same_seed_gives_the_same_people_and_another_seed_does_not(seeded):
    first = snapshot()
    wipe_residents()
    seed()
    assert snapshot() == first
    wipe_residents()
    seed(seed=8)
    assert snapshot() != first


@override_settings(SETTINGS_MODULE="config.settings.production")
def test_refuses_to_run_with_production_settings():
    with pytest.raises(CommandError, match="本番"):
        seed()
    assert not User.objects.exists() and not Resident.objects.exists()


def _indexes() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'cases_%%'")
        return set(cursor.fetchall())


def test_the_search_indexes_are_all_there_after_seeding():
    before = _indexes()
    seed()
    assert _indexes() == before
    assert any(name == "resident_kana_prefix_idx" for name, _ in before)


def test_a_failure_half_way_leaves_no_residents_and_every_index(monkeypatch):
    before = _indexes()
    calls = {"n": 0}
    original = RowBuilder.add

    def add_then_fail(self, rows, household):
        calls["n"] += 1
        if calls["n"] == 30:  # several batches are already written by then
            raise RuntimeError("boom")
        return original(self, rows, household)

    monkeypatch.setattr(RowBuilder, "add", add_then_fail)
    with pytest.raises(RuntimeError, match="boom"):
        seed(residents=200, batch_size=10)
    assert not Resident.objects.exists() and not MyNumber.objects.exists()
    assert not IncomeRecord.objects.exists()
    assert _indexes() == before
    assert User.objects.filter(username="clerk-honcho").exists()  # staff are seeded before residents
    monkeypatch.undo()
    seed()
    assert Resident.objects.count() == 401


def test_the_demo_desk_has_exemption_cases_in_every_stage():
    from cases.kernel.models import Case, Stage
    from cases.submission.models import Discrepancy, SubmissionBundle

    seed(as_of=timezone.localdate(), no_cases=False)  # the cases are made "today" through the real services
    stages = set(Case.objects.values_list("stage", flat=True))
    for stage in (
        Stage.IDENTITY,
        Stage.AWAITING_DOCUMENTS,
        Stage.INPUT,
        Stage.CROSS_CHECK,
        Stage.APPROVAL,
        Stage.READY_TO_SEND,
        Stage.SENT,
        Stage.CLOSED,
        Stage.WITHDRAWN,
    ):
        assert stage in stages, stage
    assert SubmissionBundle.objects.filter(state__in=["sent", "partially_returned"]).exists()
    assert set(Discrepancy.objects.values_list("kind", flat=True)) >= {"returned", "differs"}
    # 機構's list was uploaded by one 本庁 係長 and applied by the other (four eyes), never by a clerk.
    from cases.submission.models import ResultImport
    from cases.submission.result_uploads import ResultUpload

    assert set(ResultImport.objects.values_list("imported_by__username", flat=True)) == {"supervisor2-honcho"}
    assert set(ResultUpload.objects.values_list("uploaded_by__username", flat=True)) == {"supervisor-honcho"}
    # The past weekly bundles were cut off at their week's cut-off 15:00 (Friday, or the open day before a
    # closed Friday), as the beat cuts them (the screen says so); only the 臨時送付 is cut off whenever.
    from cases.submission.bundle_common import week_cutoff_day

    weekly = [
        timezone.localtime(at)
        for at in SubmissionBundle.objects.filter(off_cycle=False).values_list("cutoff_at", flat=True)
    ]
    assert weekly and all(
        (at.date(), at.hour, at.minute) == (week_cutoff_day(at.date()), 15, 0) for at in weekly
    ), weekly
    # One approval has waited two weeks: the supervisor's desk shows it as escalated, and its timeline
    # tells the same story (received and put up for approval then, escalated now).
    exemptions = Case.objects.filter(case_type="exemption")
    late = exemptions.get(stage=Stage.APPROVAL, approval_escalated_at__isnull=False)
    assert late.received_on == timezone.localdate() - dt.timedelta(days=28)
    assert late.events.order_by("at").first().at < timezone.now() - dt.timedelta(days=27)
    assert late.events.filter(action="escalated").count() == 1
    assert exemptions.filter(stage=Stage.APPROVAL, approval_escalated_at__isnull=True).count() == 2
    client = Client()
    client.force_login(User.objects.get(username="supervisor-honcho"))
    assert late.number in client.get("/desk/").content.decode()
    # Likewise one case waiting for documents is past its deadline, reminded, and on the clerk's desk;
    # the timeline states the deadline the case holds.
    overdue = exemptions.get(stage=Stage.AWAITING_DOCUMENTS, documents_reminded_at__isnull=False)
    assert overdue.documents_due_on < timezone.localdate()
    requested = overdue.events.get(action="documents_requested")
    assert requested.text_params["due"] == overdue.documents_due_on.isoformat()
    assert f"期限 {format_wareki(overdue.documents_due_on)}" in requested.text
    assert overdue.events.filter(action="documents_reminded").count() == 1
    client.force_login(User.objects.get(username="clerk-honcho"))
    assert overdue.number in client.get("/desk/").content.decode()
    # Every applicant is a 第1号被保険者 in some month of the period applied for (法90条 etc. exempt 第1号
    # premiums only): the walk of the ninth session found 第2号 employees' applications at 送付待ち whose
    # case pages said no month of the period could be exempted.
    from cases.common.codes import InsuredKind
    from cases.exemption.membership import kinds_by_month, memberships_of

    for case in exemptions.select_related("exemption", "resident__pension"):
        months = kinds_by_month(
            memberships_of(case.resident), case.exemption.period_start, case.exemption.period_end
        )
        assert InsuredKind.FIRST in months.values(), (case.number, set(months.values()))
    out = seed(as_of=timezone.localdate(), no_cases=False)
    assert "省略" in out  # a second run adds no cases


def test_cases_can_be_seeded_as_of_another_day():
    from cases.kernel.models import Case, Stage
    from cases.submission.models import SubmissionBundle

    # Early July: the late approval was received in June, so it is for the exemption year before, and
    # the bundle is still handed over today (a hand-over dated before its seal would be refused).
    seed(as_of=dt.date(2026, 7, 10), no_cases=False)
    late = Case.objects.get(case_type="exemption", stage=Stage.APPROVAL, approval_escalated_at__isnull=False)
    assert late.received_on == dt.date(2026, 6, 12)
    assert (late.exemption.period_start, late.exemption.period_end) == (
        dt.date(2025, 7, 1),
        dt.date(2026, 6, 1),
    )
    # Last week's bundle of exemptions, and the week before last's of 障害基礎年金 claims.
    bundles = SubmissionBundle.objects.filter(off_cycle=False)
    assert [bundle.sent_on for bundle in bundles] == [timezone.localdate()] * 2


def test_the_demo_desk_has_disability_claims_in_every_stage():
    from cases.disability.models import DisabilityClaim
    from cases.kernel.models import Case, Stage

    seed(as_of=timezone.localdate(), no_cases=False)
    claims = Case.objects.filter(case_type="disability")
    stages = set(claims.values_list("stage", flat=True))
    for stage in (
        Stage.IDENTITY,
        Stage.AWAITING_DOCUMENTS,
        Stage.INPUT,
        Stage.CROSS_CHECK,
        Stage.APPROVAL,
        Stage.READY_TO_SEND,
        Stage.CLOSED,
    ):
        assert stage in stages, stage
    referred = DisabilityClaim.objects.get(office_route="pension_office")
    assert referred.case.stage == Stage.CLOSED and referred.case.documents.filter(kind="referral").exists()
    assert DisabilityClaim.objects.filter(route="pre20").exists()
    assert DisabilityClaim.objects.filter(claim_kind="post_onset").exists()
    standard = DisabilityClaim.objects.get(claim_kind="standard")  # 基準障害 (法30条の3), at 照合
    assert standard.case.stage == Stage.CROSS_CHECK and standard.standard_graded_on is not None
    waiting = claims.get(stage=Stage.AWAITING_DOCUMENTS)
    assert waiting.checklist.filter(code="certificate_recognition", state="requested").exists()
    assert set(DisabilityClaim.objects.exclude(decision="").values_list("decision", "grade")) == {
        ("approved", 2),
        ("rejected", None),
        ("returned", None),
    }
    # On the desk: the claim at 本人確認 in the receiving clerk's inbox, the one waiting for papers in
    # the queue, each with its type.
    client = Client()
    client.force_login(User.objects.get(username="clerk-honcho"))
    pages = "".join(
        client.get(f"/desk/{which}/?page={page}").content.decode()
        for which in ("inbox", "queue")
        for page in (1, 2)
    )
    assert claims.get(stage=Stage.IDENTITY).number in pages and waiting.number in pages
    assert "障害基礎年金 請求" in pages  # the task lists name each case's type
