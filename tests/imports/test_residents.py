from datetime import date

import pytest
from django.db import connection

from cases.registry.models.imports import ImportBatch
from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident, ResidentHistory
from cases.registry.selectors.mynumber import resident_find_by_mynumber
from cases.security.crypto import mynumber_decrypt

from .factories import RESIDENT_COLUMNS, import_residents, mynumber, resident, write_csv

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return Resident.objects.count(), MyNumber.objects.count(), ResidentHistory.objects.count()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_residents_are_imported_from_each_encoding(tmp_path, encoding):
    rows = [resident(1), resident(2, 世帯主="0", 続柄="妻", 性別="2", 漢字氏名="髙橋　花子")]
    batch, errors = import_residents(write_csv(tmp_path, rows, encoding=encoding))

    assert errors == []
    assert (batch.status, batch.encoding, batch.total_rows, batch.inserted) == ("done", encoding, 2, 2)
    assert len(batch.sha256) == 64
    hanako = Resident.objects.get(atena_no="1002")
    assert hanako.kanji_name == "髙橋　花子"
    assert hanako.kanji_search == "高橋花子"
    assert hanako.kana_search == "アサヒカワタロウアア"
    assert (hanako.sex, hanako.is_householder, hanako.relationship) == ("2", False, "妻")
    assert hanako.birth_date == date(1990, 4, 1)
    assert hanako.removed_on is None and hanako.change_reason == "02"
    assert hanako.row_digest


def test_columns_may_come_in_any_order_and_the_number_column_may_be_missing(tmp_path):
    columns = list(reversed([c for c in RESIDENT_COLUMNS if c != "個人番号"]))
    _batch, errors = import_residents(write_csv(tmp_path, [resident(1)], columns=columns))

    assert errors == []
    assert Resident.objects.get(atena_no="1001").kana_name == "アサヒカワ タロウア"
    assert MyNumber.objects.count() == 0


def test_number_is_stored_encrypted_and_found_through_the_keyed_hash(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1)]))

    stored = MyNumber.objects.get(resident__atena_no="1001")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ciphertext, lookup_hash, key_id FROM cases_mynumber WHERE id = %s", [stored.pk]
        )
        ciphertext, lookup_hash, key_id = cursor.fetchone()
    assert mynumber(1) not in ciphertext and mynumber(1) not in lookup_hash
    assert key_id == "t1"
    assert mynumber_decrypt(ciphertext=ciphertext, atena_no="1001") == mynumber(1)
    assert resident_find_by_mynumber(number=mynumber(1)).atena_no == "1001"
    digest = Resident.objects.get(atena_no="1001").row_digest
    assert mynumber(1) not in digest


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = write_csv(tmp_path, [resident(n) for n in range(1, 6)])
    import_residents(path)
    before = dict(Resident.objects.values_list("atena_no", "updated_at"))
    numbers_before = list(MyNumber.objects.order_by("pk").values_list("pk", "ciphertext"))

    batch, errors = import_residents(path)

    assert errors == []
    assert (batch.inserted, batch.updated, batch.unchanged) == (0, 0, 5)
    assert dict(Resident.objects.values_list("atena_no", "updated_at")) == before
    assert list(MyNumber.objects.order_by("pk").values_list("pk", "ciphertext")) == numbers_before
    assert ResidentHistory.objects.count() == 0


def test_reordered_columns_and_spaces_around_values_count_as_the_same_file(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1)]))
    padded = {key: f" {value} " if value else value for key, value in resident(1).items()}
    batch, _errors = import_residents(
        write_csv(tmp_path, [padded], name="again.csv", columns=list(reversed(RESIDENT_COLUMNS)))
    )

    assert (batch.updated, batch.unchanged) == (0, 1)


def test_a_move_updates_the_resident_and_keeps_the_old_values_in_history(tmp_path):
    first, _ = import_residents(write_csv(tmp_path, [resident(1), resident(2)]))
    untouched = Resident.objects.get(atena_no="1002").updated_at
    moved = resident(
        1,
        現住所="北海道旭川市永山3条1丁目",
        前住所="北海道旭川市神居1条1丁目",
        異動日="2026-04-01",
        異動事由="03",
    )

    batch, errors = import_residents(write_csv(tmp_path, [moved, resident(2)], name="moves.csv"))

    assert errors == []
    assert (batch.inserted, batch.updated, batch.unchanged) == (0, 1, 1)
    person = Resident.objects.get(atena_no="1001")
    assert person.address == "北海道旭川市永山3条1丁目"
    assert person.changed_on == date(2026, 4, 1) and person.change_reason == "03"
    history = ResidentHistory.objects.get(resident=person)
    assert history.batch == batch and history.batch != first
    assert (history.changed_on, history.change_reason) == (date(2026, 4, 1), "03")
    assert history.snapshot["address"] == "北海道旭川市神居1条1丁目"
    assert history.snapshot["changed_on"] == "2010-04-01"
    assert history.snapshot["is_householder"] is True
    assert Resident.objects.get(atena_no="1002").updated_at == untouched


def test_a_death_removes_the_resident_and_records_history(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1)]))
    died = resident(1, 消除日="2026-05-10", 異動日="2026-05-10", 異動事由="05")

    batch, errors = import_residents(write_csv(tmp_path, [died], name="death.csv"))

    assert errors == [] and batch.updated == 1
    person = Resident.objects.get(atena_no="1001")
    assert person.is_removed and person.removed_on == date(2026, 5, 10)
    history = person.history.get()
    assert history.change_reason == "05" and history.snapshot["removed_on"] is None


def test_a_new_number_replaces_the_old_one_encrypted(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1)]))
    batch, errors = import_residents(write_csv(tmp_path, [resident(1, 個人番号=mynumber(50))], name="b.csv"))

    assert errors == [] and batch.updated == 1
    stored = MyNumber.objects.get(resident__atena_no="1001")
    assert mynumber_decrypt(ciphertext=stored.ciphertext, atena_no="1001") == mynumber(50)
    assert resident_find_by_mynumber(number=mynumber(1)) is None
    # Only the number changed: the registry values did not, so there is nothing to keep in history.
    assert ResidentHistory.objects.count() == 0


def test_a_blank_number_keeps_the_stored_one(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1)]))
    import_residents(
        write_csv(tmp_path, [resident(1, 個人番号="", 現住所="北海道旭川市末広1条1丁目")], name="b.csv")
    )

    stored = MyNumber.objects.get(resident__atena_no="1001")
    assert mynumber_decrypt(ciphertext=stored.ciphertext, atena_no="1001") == mynumber(1)


def test_a_number_held_by_someone_else_rejects_the_file(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1), resident(2)]))
    stolen = resident(3, 個人番号=mynumber(1))

    batch, errors = import_residents(write_csv(tmp_path, [resident(2), stolen], name="b.csv"))

    assert [str(e) for e in errors] == [
        "3行目 個人番号: この個人番号は別の宛名 (宛名番号 1001) に登録済みです"
    ]
    assert batch.status == ImportBatch.Status.REJECTED
    assert not Resident.objects.filter(atena_no="1003").exists()


def test_numbers_may_change_hands_within_one_file(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1), resident(2)]))
    swapped = [resident(1, 個人番号=mynumber(2)), resident(2, 個人番号=mynumber(1))]

    batch, errors = import_residents(write_csv(tmp_path, swapped, name="swap.csv"))

    assert errors == [] and batch.updated == 2
    assert resident_find_by_mynumber(number=mynumber(2)).atena_no == "1001"
    assert resident_find_by_mynumber(number=mynumber(1)).atena_no == "1002"


def test_new_and_changed_rows_in_one_file(tmp_path):
    import_residents(write_csv(tmp_path, [resident(1), resident(2)]))
    rows = [resident(1, 漢字氏名="旭川　次郎", 異動事由="09", 異動日="2026-01-05"), resident(2), resident(3)]

    batch, errors = import_residents(write_csv(tmp_path, rows, name="b.csv"))

    assert errors == []
    assert (batch.inserted, batch.updated, batch.unchanged) == (1, 1, 1)
    assert Resident.objects.get(atena_no="1001").kanji_search == "旭川次郎"
    assert ResidentHistory.objects.get().snapshot["kanji_name"] == "旭川　太郎1"
    assert MyNumber.objects.count() == 3
