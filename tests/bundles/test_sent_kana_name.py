"""A カナ氏名 the data file for 機構 cannot carry, on every case type that goes into it — not only the
資格届出's 漢字氏名 and 住所: the desk gives a 送付用 spelling on the case header, the data file's own encoder
checks it, the data file carries it and the timeline says so; the 住民記録 keeps the original. Until it is
given, the bundle stops (as for a 資格届出) and the case stays in it."""

import io
import zipfile

import pytest
from django.utils import translation

from cases.kernel.models import Case, CaseEvent
from cases.registry.models.residents import Resident
from cases.submission import bundles
from cases.submission.bundle_common import BundleError
from cases.submission.fixed_length import DATA, file_decode
from cases.submission.models import SubmissionBundle
from cases.submission.records import data_values
from cases.submission.sendable import datafile_problems, datafile_spelling_set
from cases.submission.storage import archive_read
from tests.bundles.conftest import live_items
from workflows.submission import bundle_seal

pytestmark = pytest.mark.django_db

# (the 住民記録's カナ氏名, what the data file cannot do with it, a 送付用 spelling that fits, as written in the file)
HISTORIC = (
    "ヰノウエ ハナコ",
    "カナ氏名 — 半角で表せない文字「ヰ」(U+30F0) を含みます。",
    "イノウエ ハナコ",
    "ｲﾉｳｴ ﾊﾅｺ",
)
LONG = (
    "ヴァンデルヴェルデ ジョバンニバッティスタ ダヴィデ ジュゼッペ",  # 31 characters, 45 half-width bytes
    "カナ氏名 — 40バイトに収まりません (45バイト)。切り詰めずに中止しました。",
    "ヴァンデルヴェルデ ジョバンニ",
    "ｳﾞｧﾝﾃﾞﾙｳﾞｪﾙﾃﾞ ｼﾞｮﾊﾞﾝﾆ",
)
TYPES = {"exemption": {"count": 1}, "disability": {"count": 0, "claims_too": 1}}
CASES = [("exemption", HISTORIC), ("disability", LONG), ("exemption", LONG), ("disability", HISTORIC)]


def ready(make_ready, case_type: str, kana: str) -> Case:
    """A case of `case_type` at 送付待ち whose applicant's 住民記録 holds `kana`."""
    [case] = make_ready(**TYPES[case_type])
    Resident.objects.filter(pk=case.resident_id).update(kana_name=kana)
    return Case.objects.select_related("resident__pension").get(pk=case.pk)


@pytest.mark.parametrize(("case_type", "names"), CASES, ids=lambda v: v if isinstance(v, str) else v[0][:4])
def test_a_kana_name_the_data_file_cannot_carry_gets_a_sent_spelling(make_ready, clerk, case_type, names):
    original, problem, sent, _written = names
    case = ready(make_ready, case_type, original)
    assert datafile_problems(case) == [problem]

    datafile_spelling_set(case=case, by=clerk, kana_name=sent)

    case = Case.objects.select_related("resident__pension").get(pk=case.pk)
    assert case.sent_kana_name == sent and datafile_problems(case) == []
    assert data_values(case, None)["kana_name"] == sent
    assert case.resident.kana_name == original  # the 住民記録 keeps its own
    [event] = case.events.filter(action=CaseEvent.Action.DATAFILE_SPELLING)
    assert event.comment == "" and event.text == f"カナ氏名: 「{original}」を「{sent}」として送付"
    with translation.override("en"):
        assert event.text.startswith("Name (kana)")


@pytest.mark.parametrize("case_type", TYPES)
def test_a_sent_kana_name_is_checked_by_the_encoder_and_stored_in_katakana(make_ready, clerk, case_type):
    case = ready(make_ready, case_type, HISTORIC[0])
    refusals = {
        "ヰノウエ ハナコ": "カナ氏名 — 半角で表せない文字「ヰ」(U+30F0) を含みます。",
        "ケ" * 41: "カナ氏名 — 40バイトに収まりません (41バイト)。切り詰めずに中止しました。",
        "井上 花子": "カナ氏名 はカタカナで入力してください (使えない文字: 「井」「上」「花」「子」)。",
    }
    for spelling, message in refusals.items():
        with pytest.raises(ValueError) as caught:
            datafile_spelling_set(case=case, by=clerk, kana_name=spelling)
        assert str(caught.value) == message
    assert not case.events.filter(action=CaseEvent.Action.DATAFILE_SPELLING).exists()
    assert Case.objects.get(pk=case.pk).sent_kana_name == ""

    datafile_spelling_set(case=case, by=clerk, kana_name="いのうえ ﾊﾅｺ")  # typed in hiragana and half-width
    assert Case.objects.get(pk=case.pk).sent_kana_name == "イノウエ ハナコ"


@pytest.mark.parametrize("case_type", TYPES)
def test_a_type_whose_record_has_no_kanji_name_or_address_takes_no_spelling_of_them(
    make_ready, clerk, case_type
):
    """Only the 資格届出レコード (届書種別 31) carries the 漢字氏名 and 住所: a spelling of them on another case
    would be recorded on its timeline and never sent."""
    case = ready(make_ready, case_type, HISTORIC[0])
    with pytest.raises(ValueError) as caught:
        datafile_spelling_set(case=case, by=clerk, kana_name="イノウエ ハナコ", kanji_name="井上 花子")
    assert str(caught.value) == "漢字氏名 — この案件の送付データには載りません。"
    case.refresh_from_db()
    assert (case.sent_kana_name, case.sent_kanji_name) == ("", "")


@pytest.mark.parametrize("case_type", TYPES)
def test_the_case_header_offers_the_sent_kana_name(client, make_ready, clerk, case_type):
    case = ready(make_ready, case_type, HISTORIC[0])
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "送付データ (機構) に載せられません" in page and HISTORIC[1] in page
    assert 'name="kana_name"' in page and 'name="kanji_name"' not in page and 'name="address"' not in page

    response = client.post(f"/cases/{case.pk}/datafile-spelling/", {"kana_name": "いのうえ はなこ"})

    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).sent_kana_name == "イノウエ ハナコ"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "送付データ (機構) に載せられません" not in page
    assert "ヰノウエ ハナコ → イノウエ ハナコ" in page

    response = client.post(f"/cases/{case.pk}/datafile-spelling/", {"kana_name": "ヰノウエ"}, follow=True)
    assert "送付用の表記も送付データに載せられません" in response.content.decode()
    assert Case.objects.get(pk=case.pk).sent_kana_name == "イノウエ ハナコ"  # the refusal changed nothing


@pytest.mark.parametrize(
    ("case_type", "names"), CASES[:2], ids=lambda v: v if isinstance(v, str) else v[0][:4]
)
def test_the_bundle_stops_until_the_spelling_is_given_then_seals_with_it(
    make_ready, clerk, supervisor, django_capture_on_commit_callbacks, case_type, names
):
    """End to end: the build stops naming the case and the field, keeps the case (not dropped to a later
    week), the clerk gives the spelling, 「ZIP を再作成」 makes the ZIP, the seal goes and the data file
    carries the spelling."""
    original, problem, sent, written = names
    case = ready(make_ready, case_type, original)
    with pytest.raises(BundleError) as caught:
        bundles.bundle_build_off_cycle(by=supervisor)
    assert f"整理番号 {case.number}: {problem}" in str(caught.value)
    bundle = SubmissionBundle.objects.get()
    # The bundle page says where the way on is: the case page's 送付用の表記, not only 「除外」.
    assert "案件の画面で「送付用の表記」を入力" in bundle.job_error
    assert live_items(bundle) == [case.number] and bundle.archive == ""

    datafile_spelling_set(case=case, by=clerk, kana_name=sent)
    with django_capture_on_commit_callbacks(execute=True):
        bundles.bundle_assemble_request(bundle=bundle, by=supervisor)
    bundle.refresh_from_db()
    assert bundle.job_error == "" and bundle.archive

    bundle = bundle_seal(bundle=bundle, by=supervisor)
    with zipfile.ZipFile(io.BytesIO(archive_read(name=bundle.archive, number=bundle.number))) as archive:
        records = file_decode(archive.read(f"data/{bundle.number}.dat"))
        csv_text = archive.read(f"data/{bundle.number}.csv").decode("utf-8-sig")
    assert [values["カナ氏名"] for layout, values in records if layout is DATA] == [written]
    assert written in csv_text and original not in csv_text
    assert Resident.objects.get(pk=case.resident_id).kana_name == original


def test_a_spelling_given_again_writes_nothing_and_taken_back_says_so(make_ready, clerk):
    case = ready(make_ready, "exemption", HISTORIC[0])
    datafile_spelling_set(case=case, by=clerk, kana_name="イノウエ ハナコ")
    datafile_spelling_set(case=case, by=clerk, kana_name="いのうえ はなこ")  # the same, once stored
    datafile_spelling_set(case=case, by=clerk, kana_name=" ")

    case = Case.objects.select_related("resident__pension").get(pk=case.pk)
    assert case.sent_kana_name == "" and datafile_problems(case) == [HISTORIC[1]]
    rows = case.events.filter(action=CaseEvent.Action.DATAFILE_SPELLING).order_by("pk")
    assert [row.text for row in rows] == [
        "カナ氏名: 「ヰノウエ ハナコ」を「イノウエ ハナコ」として送付",
        "カナ氏名: 送付用の表記を取り消し、住民記録のとおり送付",
    ]


def test_only_a_name_or_address_the_file_cannot_carry_points_to_the_sent_spelling():
    """The hint names the way on only where a 送付用 spelling is one: a missing 基礎年金番号 is not."""
    from cases.submission.datafile import SPELLING_HINT, DataFileError, spellable
    from cases.submission.fixed_length import DATA, RecordValueError

    field = {f.source: f for f in DATA.fields}
    kana = RecordValueError(subject="整理番号 1", field=field["kana_name"], problem="CP932 で表せない文字")
    other = RecordValueError(subject="整理番号 2", field=field["reference_no"], problem="必須です")

    assert spellable(kana) and not spellable(other)
    assert SPELLING_HINT in str(DataFileError([str(kana), str(other)], spellable=True))
    assert SPELLING_HINT not in str(DataFileError([str(other)]))


def test_the_case_headers_problem_is_worded_for_an_english_reader(make_ready):
    """The header's line about a name the file cannot carry was Japanese on English screens (the QA walk of
    the sixth session): the field and the problem are worded for the reader; the worker's record of a
    stopped build stays as written."""
    case = ready(make_ready, "exemption", HISTORIC[0])
    with translation.override("en"):
        [problem] = datafile_problems(case)
    assert "ヰ" in problem and "U+30F0" in problem
    assert "半角" not in problem and "カナ氏名" not in problem
    assert datafile_problems(case) == [HISTORIC[1]]


@pytest.mark.parametrize("typed", ["ｲﾉｳｴ ﾊﾅｺ", "いのうえ　はなこ", "イノウエ ハナコ", "イノウエ　ハナコ"])
def test_a_sent_kana_name_keeps_its_space_as_every_other_kana_name_does(make_ready, clerk, typed):
    """The space between family and given name is stored as typed (half-width or 全角), as a form's
    KanaNameField and the 住民記録's カナ氏名 column (katakana(), which changes hiragana only) store it; the
    data file writes either as one half-width space (fixed_length.kana_half_width). QA walk 2026-12-07
    asked whether the 送付用 spelling stored it differently: it does not."""
    from cases.common.kana_fields import KanaNameField
    from cases.registry.imports.columns import Kana

    space = typed[4]
    case = ready(make_ready, "exemption", HISTORIC[0])
    form_stores = KanaNameField(label="カナ氏名", max_length=100).clean(typed)
    import_stores, _problem = Kana("カナ氏名", "kana_name", max_length=100).one(typed)

    datafile_spelling_set(case=case, by=clerk, kana_name=typed)

    case = Case.objects.select_related("resident__pension").get(pk=case.pk)
    assert case.sent_kana_name == form_stores == f"イノウエ{space}ハナコ"
    assert import_stores[len(import_stores) // 2] == space  # the 住民記録 keeps the letters' width too
    assert data_values(case, None)["kana_name"] == case.sent_kana_name
    assert datafile_problems(case) == []


def test_the_spellings_given_are_listed_with_their_field_in_the_readers_language(make_ready, clerk):
    """The header lists each spelling given beside the 住民記録's: its field was named in Japanese on
    English screens (review of the sixth session)."""
    from cases.submission.sendable import datafile_panel

    case = ready(make_ready, "exemption", HISTORIC[0])
    datafile_spelling_set(case=case, by=clerk, kana_name=HISTORIC[2])
    case = Case.objects.select_related("resident__pension").get(pk=case.pk)
    with translation.override("en"):
        [(field, original, sent)] = datafile_panel(user=clerk, case=case)["given"]
    assert (field, original, sent) == ("Name (kana)", HISTORIC[0], HISTORIC[2])
    with translation.override("ja"):
        assert datafile_panel(user=clerk, case=case)["given"][0][0] == "カナ氏名"
