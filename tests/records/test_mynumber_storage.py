import datetime as dt
import os
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident
from cases.registry.mynumber import mynumber_register
from cases.registry.selectors.mynumber import resident_find_by_mynumber
from cases.security.crypto import DecryptionError, mynumber_decrypt

NUMBER = "123456789018"


def make_resident(atena_no: str = "A0001", **extra) -> Resident:
    defaults = dict(
        kana_name="アサヒ タロウ",
        kanji_name="旭 太郎",
        kana_search="アサヒタロウ",
        kanji_search="旭太郎",
        birth_date=dt.date(1990, 4, 1),
        sex="1",
        household_no="H0001",
        is_householder=True,
    )
    defaults.update(extra)
    return Resident.objects.create(atena_no=atena_no, **defaults)


@pytest.mark.django_db
def test_number_is_stored_encrypted_and_found_by_keyed_hash():
    resident = make_resident()
    record = mynumber_register(resident=resident, number="1234 5678 9018")
    record.refresh_from_db()
    assert NUMBER not in record.ciphertext
    assert NUMBER not in record.lookup_hash
    assert mynumber_decrypt(ciphertext=record.ciphertext, atena_no=resident.atena_no) == NUMBER
    assert resident_find_by_mynumber(number=NUMBER) == resident
    assert resident_find_by_mynumber(number="000000000000") is None


@pytest.mark.django_db
def test_ciphertext_moved_to_another_person_does_not_decrypt():
    first = make_resident("A0001")
    make_resident("A0002", household_no="H0002")
    record = mynumber_register(resident=first, number=NUMBER)
    with pytest.raises(DecryptionError):
        mynumber_decrypt(ciphertext=record.ciphertext, atena_no="A0002")


@pytest.mark.django_db
def test_tampered_ciphertext_is_refused():
    resident = make_resident()
    record = mynumber_register(resident=resident, number=NUMBER)
    version, kid, payload = record.ciphertext.split("$")
    flipped = payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1]
    with pytest.raises(DecryptionError):
        mynumber_decrypt(ciphertext=f"{version}${kid}${flipped}", atena_no=resident.atena_no)


@pytest.mark.django_db
def test_invalid_check_digit_is_refused_and_nothing_is_stored():
    resident = make_resident()
    with pytest.raises(ValidationError):
        mynumber_register(resident=resident, number="123456789017")
    assert not MyNumber.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_raw_database_dump_contains_no_plain_mynumber():
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed for this test (Debian package postgresql-client)"
    resident = make_resident()
    mynumber_register(resident=resident, number=NUMBER)
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    dump = subprocess.run(
        [
            pg_dump,
            "-h",
            settings["HOST"] or "127.0.0.1",
            "-p",
            str(settings["PORT"] or 5432),
            "-U",
            settings["USER"],
            "--data-only",
            settings["NAME"],
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "A0001" in dump  # the dump really holds the resident's row
    assert NUMBER not in dump
    assert "1234 5678 9018" not in dump
