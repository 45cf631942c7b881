"""A カナ氏名 is stored in katakana (printed as 氏名 (フリガナ)): by the forms, by every service that saves one
(the 入力 of an exemption, the 住民記録 import on both its paths, the 勧奨 lists), and — for the rows saved in
hiragana before — by the data migration 0049, which turns hiragana into katakana and touches nothing else."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.db import migrations
from django.utils import timezone

from cases.common.identifiers.kana import katakana, normalize_kana
from cases.exemption import services as svc
from cases.exemption.models import ExemptionApplication
from cases.exemption.request import ExemptionRequest
from cases.qualification.lists import list_import
from cases.qualification.models import QualificationList, QualificationListRow
from cases.registry.imports.runner import import_execute
from cases.registry.models.imports import ImportBatch
from cases.registry.models.residents import Resident
from tests.factories import ResidentFactory, applicant_with_household
from tests.imports.factories import resident as resident_row
from tests.imports.factories import write_csv
from tests.qualification.helpers import person
from tests.workflows import helpers as h
from workflows import steps as actions

MIGRATION = "cases.migrations.0049_kana_names_katakana"


def test_only_hiragana_becomes_katakana():
    assert katakana("たかはし はなこ") == "タカハシ ハナコ"
    assert katakana("ゔぁいおりん ゕゖ さゝき みすゞ") == "ヴァイオリン ヵヶ サヽキ ミスヾ"
    # Katakana, half-width kana, the shared voiced marks, ゟ (no katakana of its own), kanji and spaces stay.
    kept = "アサヒ ｱｻﾋ\u3000ガ゛゜\u3099 ゟ 旭川 Ａ1"
    assert katakana(kept) == kept
    assert katakana("") == ""


@pytest.mark.django_db
def test_the_data_migration_turns_stored_hiragana_names_into_katakana(clerk):
    """The migrator pattern of the other data migrations (0047): rows as saved before, the step run on
    the current models; only hiragana changes, and the search names stay what they were."""
    hiragana = ResidentFactory(kana_name="たかはし はなこ")
    mixed = ResidentFactory(kana_name="アサヒ たろう")
    half = ResidentFactory(kana_name="ｻﾄｳ ｼﾞﾛｳ")
    other = ResidentFactory(kana_name="ヤマダ ゟ")
    searched = {r.pk: r.kana_search for r in (hiragana, mixed, half, other)}
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    ExemptionApplication.objects.filter(case=case).update(declared_kana_name="あさひ たろう")
    qlist = QualificationList.objects.create(
        kind=QualificationList.Kind.AGE20_UNENROLLED,
        filename="20.csv",
        sha256="0" * 64,
        imported_by=clerk,
        office=clerk.office,
    )
    row = QualificationListRow.objects.create(
        qualification_list=qlist,
        line_no=2,
        kana_name="はたち なる",
        birth_date=dt.date(2006, 4, 1),
        status=QualificationListRow.Status.UNMATCHED,
    )
    stamped = Resident.objects.get(pk=half.pk).updated_at

    migration = import_module(MIGRATION)
    migration.names_katakana(apps, None)

    names = dict(Resident.objects.values_list("pk", "kana_name"))
    assert [names[r.pk] for r in (hiragana, mixed, half, other)] == [
        "タカハシ ハナコ",
        "アサヒ タロウ",
        "ｻﾄｳ ｼﾞﾛｳ",
        "ヤマダ ゟ",
    ]
    searched_now = dict(Resident.objects.filter(pk__in=searched).values_list("pk", "kana_search"))
    assert searched_now == searched == {pk: normalize_kana(names[pk]) for pk in searched}
    assert Resident.objects.get(pk=half.pk).updated_at == stamped  # a row without hiragana is not written
    assert ExemptionApplication.objects.get(case=case).declared_kana_name == "アサヒ タロウ"
    row.refresh_from_db()
    assert row.kana_name == "ハタチ ナル"
    # Reversible as a no-op: the hiragana spelling was never a different name.
    [step] = migration.Migration.operations
    assert step.reversible and step.reverse_code is migrations.RunPython.noop


@pytest.mark.django_db
@pytest.mark.parametrize("use_pg", [False, True], ids=["generic", "postgresql"])
def test_the_resident_import_stores_a_hiragana_name_in_katakana(tmp_path, use_pg):
    first = [resident_row(1, カナ氏名="あさひかわ たろう"), resident_row(2)]
    changed = [resident_row(1, カナ氏名="あさひかわ たろう"), resident_row(2, カナ氏名="あさひかわ じろう")]
    for name, rows in (("a.csv", first), ("b.csv", changed)):
        batch = ImportBatch.objects.create(kind=ImportBatch.Kind.RESIDENTS, filename=name)
        assert import_execute(batch=batch, path=write_csv(tmp_path, rows, name=name), use_pg=use_pg) == []
        if name == "a.csv":
            assert Resident.objects.get(atena_no="1001").kana_name == "アサヒカワ タロウ"  # a new row
    assert dict(Resident.objects.values_list("atena_no", "kana_name")) == {
        "1001": "アサヒカワ タロウ",
        "1002": "アサヒカワ ジロウ",  # a changed row
    }
    assert Resident.objects.get(atena_no="1002").kana_search == "アサヒカワジロウ"


@pytest.mark.django_db
def test_a_qualification_list_stores_a_hiragana_name_in_katakana_and_still_matches(clerk):
    born = timezone.localdate().replace(year=timezone.localdate().year - 20) - dt.timedelta(days=10)
    unenrolled = person(kana_name="ハタチ ナル", birth=born, kind=None)
    data = f"カナ氏名,生年月日\nはたち なる,{born}\n".encode()
    qlist = list_import(kind=QualificationList.Kind.AGE20_UNENROLLED, filename="20.csv", data=data, by=clerk)
    row = qlist.rows.get()
    assert (row.kana_name, row.resident_id) == ("ハタチ ナル", unenrolled.pk)


@pytest.mark.django_db
def test_the_exemption_input_service_stores_a_hiragana_name_in_katakana(
    clerk, django_capture_on_commit_callbacks
):
    """Not only the form's box: the service itself (called by the demo, imports of paper batches, tests)."""
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    task = h._take(case, "enter_data", clerk)
    start, end = h.current_period()
    declared = {**svc.declared_from_registry(case.resident), "declared_kana_name": "あさひ たろう"}
    entered = svc.ExemptionInput(
        request=ExemptionRequest(kinds=list(case.exemption.kinds), period_start=start, period_end=end),
        declared=declared,
        spouse=spouse,
        household_confirmed=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        actions.input_save(task_id=task.pk, user=clerk, data=entered)
    assert ExemptionApplication.objects.get(case=case).declared_kana_name == "アサヒ タロウ"
