"""A name or address the CP932 data file cannot carry is found at the counter, not at sealing, and the
desk can give a 送付用 spelling for the data file alone: the 住民記録 and the documents keep the original."""

import datetime as dt
import io
import zipfile

import pytest
from django.utils import translation

from cases.common.codes import InsuredKind
from cases.kernel.models import Case, CaseEvent
from cases.submission import bundles
from cases.submission.bundle_common import BundleError
from cases.submission.datafile import data_files_build
from cases.submission.fixed_length import file_decode
from cases.submission.models import SubmissionBundle
from cases.submission.records import data_values, form_record_values, header_values
from cases.submission.sendable import datafile_problems, datafile_spelling_set
from cases.submission.storage import archive_read
from tests.qualification.helpers import intake, person, through_approval
from tests.qualification.test_records import known
from workflows.submission import bundle_seal

YOSHI = "\U00020bb7"
LONG_ADDRESS = "北海道旭川市" + "あ" * 49  # 55 characters
HEADER = header_values(
    lg_code="012041",
    bundle_number="S20260410-1500",
    created_on=dt.date(2026, 4, 10),
    cutoff_on=dt.date(2026, 4, 10),
)


def test_the_early_check_names_the_field_and_the_reason():
    case, _filed = known(kanji=f"{YOSHI}田 花子", address=LONG_ADDRESS)
    assert datafile_problems(case) == [
        f"漢字氏名 — CP932 で表せない文字「{YOSHI}」(U+20BB7) を含みます。",
        "住所 — 50文字に収まりません (55文字)。切り詰めずに中止しました。",
    ]
    fine, _filed = known()
    assert datafile_problems(fine) == []


def test_an_ivs_selector_is_a_problem_too():
    case, _filed = known(kanji="葛\U000e0100城 太郎")
    [problem] = datafile_problems(case)
    assert problem.startswith("漢字氏名 — CP932 で表せない文字") and "U+E0100" in problem


def test_the_sent_spelling_goes_into_the_data_file_and_the_resident_keeps_the_original():
    case, filed = known(kanji=f"{YOSHI}田 花子", address=LONG_ADDRESS)
    case.sent_kanji_name, case.sent_address = "吉田 花子", "北海道旭川市" + "あ" * 44
    assert datafile_problems(case) == []

    values = {
        **data_values(case, filed),
        "subject": case.number,
        "form_record": form_record_values(case, filed),
    }
    files = data_files_build(header=HEADER, records=[values])

    [(_h, _head), (_d, _data), (layout, record), (_t, _tail)] = file_decode(files.dat)
    assert layout.title == "資格届出レコード" and record["漢字氏名"] == "吉田\u3000花子"
    assert record["住所"] == "北海道旭川市" + "あ" * 44
    assert case.resident.kanji_name == f"{YOSHI}田 花子"


@pytest.mark.django_db
def test_setting_the_sent_spelling_is_checked_and_on_the_timeline(clerk):
    resident = person(kind=InsuredKind.FIRST, kanji_name=f"{YOSHI}田 花子")
    case = intake(clerk, resident, kind="death", event="death", event_date=dt.date(2026, 4, 1))
    with pytest.raises(ValueError, match="CP932"):
        datafile_spelling_set(case=case, by=clerk, kanji_name="𠮷田 花子", address="")

    datafile_spelling_set(case=case, by=clerk, kanji_name="吉田 花子", address="")

    case = Case.objects.get(pk=case.pk)
    assert case.sent_kanji_name == "吉田 花子" and datafile_problems(case) == []
    [event] = case.events.filter(action=CaseEvent.Action.DATAFILE_SPELLING)
    # Stored as a code and worded for the reader (the timeline's rule), never in the writer's language.
    assert event.comment == "" and event.text_code == "datafile_spelling"
    assert "吉田 花子" in event.text and f"{YOSHI}田 花子" in event.text
    with translation.override("en"):
        assert event.text.startswith("Name (kanji)")


@pytest.mark.django_db
def test_the_case_page_warns_at_once_and_offers_the_sent_spelling(client, clerk):
    resident = person(kind=InsuredKind.FIRST, kanji_name=f"{YOSHI}田 花子")
    case = intake(clerk, resident, kind="death", event="death", event_date=dt.date(2026, 4, 1))
    client.force_login(clerk)

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "送付データ (機構) に載せられません" in page
    assert f"漢字氏名 — CP932 で表せない文字「{YOSHI}」(U+20BB7) を含みます。" in page

    response = client.post(f"/cases/{case.pk}/datafile-spelling/", {"kanji_name": "吉田 花子", "address": ""})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "送付データ (機構) に載せられません" not in page and "送付用の表記" in page


def test_a_filing_for_yoshida_blocks_the_seal_until_a_sent_spelling_is_given_then_goes(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    """End to end: the 資格届出 of 𠮷田 goes through the desk, the weekly seal refuses it (the data file
    cannot carry 𠮷), a 送付用 spelling is given, the seal goes and the data file reads 吉田."""
    resident = person(kind=InsuredKind.FIRST, kana_name="ヨシダ ハナコ", kanji_name=f"{YOSHI}田 花子")
    case = intake(clerk, resident, kind="additional", event="application")
    through_approval(case, clerk, clerk2, supervisor)
    with pytest.raises(BundleError, match="CP932 で表せない文字"):
        bundles.bundle_build_off_cycle(by=supervisor)  # its ZIP cannot be made: nothing to seal
    bundle = SubmissionBundle.objects.get()
    case.refresh_from_db()
    datafile_spelling_set(case=case, by=clerk, kanji_name="吉田 花子", address="")
    with django_capture_on_commit_callbacks(execute=True):
        bundles.bundle_assemble_request(bundle=bundle, by=supervisor)  # 「ZIP を再作成」
    bundle.refresh_from_db()
    assert bundle.job_error == ""
    bundle = bundle_seal(bundle=bundle, by=supervisor)
    with zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number))) as archive:
        records = file_decode(archive.read(f"data/{bundle.number}.dat"))
    names = [values.get("漢字氏名") for layout, values in records if layout.record_type == "4"]
    assert names == ["吉田\u3000花子"]
    resident.refresh_from_db()
    assert resident.kanji_name == f"{YOSHI}田 花子"


@pytest.mark.django_db
def test_a_filing_takes_a_sent_kana_name_beside_the_kanji_name_and_address(client, clerk):
    """The 資格届出's data record carries the カナ氏名 like every other form's: its header offers the three."""
    resident = person(kind=InsuredKind.FIRST, kana_name="ヰノウエ ハナコ", kanji_name=f"{YOSHI}田 花子")
    case = intake(clerk, resident, kind="death", event="death", event_date=dt.date(2026, 4, 1))
    assert [p.split(" — ")[0] for p in datafile_problems(case)] == ["カナ氏名", "漢字氏名"]
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert all(f'name="{box}"' in page for box in ("kana_name", "kanji_name", "address"))

    client.post(
        f"/cases/{case.pk}/datafile-spelling/",
        {"kana_name": "イノウエ ハナコ", "kanji_name": "吉田 花子", "address": ""},
    )

    case = Case.objects.get(pk=case.pk)
    assert (case.sent_kana_name, case.sent_kanji_name) == ("イノウエ ハナコ", "吉田 花子")
    assert datafile_problems(case) == []
    assert data_values(case, None)["kana_name"] == "イノウエ ハナコ"
    assert case.events.filter(action=CaseEvent.Action.DATAFILE_SPELLING).count() == 2
