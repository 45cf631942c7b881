"""rotate_mynumber_key: from key A to key B, everything still opens with only B in the keyring."""

import base64
import hashlib
import os

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cases.registry.models.pension import MyNumber
from cases.registry.mynumber import mynumber_register
from cases.security.crypto import key_id_of, mynumber_decrypt
from cases.security.key_rotation import keys_rotate
from cases.security.models.users import User
from cases.security.totp import totp_code as code_at
from cases.security.totp import totp_enable, totp_secret_new, totp_verify
from cases.submission.models import RegistryTransfer, SubmissionBundle
from cases.submission.storage import archive_name, archive_read, archive_write
from cases.submission.transfer_file import transfer_file_name, transfer_file_read, transfer_file_write
from documents.models import Document
from documents.mynumber import mynumber_for_render, mynumber_snapshot
from documents.selectors import document_pdf
from tests.factories import PensionRecordFactory, ResidentFactory, stub_document
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db

KEY_A, KEY_B = os.urandom(32), os.urandom(32)
NUMBERS = ["123456789018", "000000000060", "111111111118"]


def _file_key(path) -> str:
    data = path.read_bytes()
    return data[6 : 6 + data[5]].decode()


@pytest.fixture
def sealed_under_a(settings, tmp_path, clerk, supervisor):
    """個人番号, a document (file and snapshot), a bundle ZIP, a transfer file and a TOTP secret, under A."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MYNUMBER_KEYS = {"A": KEY_A}
    residents = [ResidentFactory() for _ in NUMBERS]
    for resident, number in zip(residents, NUMBERS, strict=True):
        mynumber_register(resident=resident, number=number)
    PensionRecordFactory(resident=residents[0])
    case = h.start_case(clerk=clerk, resident=residents[0])
    document = stub_document(case, Document.Kind.FILING, includes_mynumber=True)
    document.context = {"mynumber": mynumber_snapshot(case)}
    document.save(update_fields=["context"])
    bundle = SubmissionBundle.objects.create(number="S20260102-1500", cutoff_at=timezone.now())
    zipped = b"PK\x03\x04 bundle bytes"
    bundle.archive = archive_name(number=bundle.number, sha256=hashlib.sha256(zipped).hexdigest())
    archive_write(name=bundle.archive, plain=zipped, number=bundle.number)
    bundle.save(update_fields=["archive"])
    transfer = RegistryTransfer.objects.create(requested_by=clerk, reason="移転")
    plain = "区分,宛名番号\r\n資格,A0000001\r\n".encode()
    transfer.file = transfer_file_name(transfer_id=transfer.pk, sha256=hashlib.sha256(plain).hexdigest())
    transfer_file_write(name=transfer.file, plain=plain, transfer_id=transfer.pk)
    transfer.save(update_fields=["file"])
    secret = totp_secret_new()
    totp_enable(user=supervisor, secret=secret)
    return {
        "residents": residents,
        "document": document,
        "bundle": (bundle, zipped),
        "transfer": (transfer, plain),
        "totp": (supervisor, secret),
        "media": settings.MEDIA_ROOT,
    }


def _everything_opens(data, settings) -> None:
    for resident, number in zip(data["residents"], NUMBERS, strict=True):
        record = MyNumber.objects.get(resident=resident)
        assert mynumber_decrypt(ciphertext=record.ciphertext, atena_no=resident.atena_no) == number
        assert record.key_id == "B" and key_id_of(record.ciphertext) == "B"
    document = Document.objects.get(pk=data["document"].pk)
    assert document_pdf(document=document).startswith(b"%PDF")
    assert mynumber_for_render(document.context["mynumber"])["display"] == "1234 5678 9018"
    bundle, zipped = data["bundle"]
    assert archive_read(name=bundle.archive, number=bundle.number) == zipped
    transfer, plain = data["transfer"]
    assert transfer_file_read(name=transfer.file, transfer_id=transfer.pk) == plain
    user, secret = data["totp"]
    user = User.objects.get(pk=user.pk)
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    assert totp_verify(user=user, code=code_at(key, 1_000_000), at=1_000_000 * 30)
    for path in (
        data["media"] / document.file,
        data["media"] / bundle.archive,
        data["media"] / transfer.file,
    ):
        assert _file_key(path) == "B"


def test_rotation_from_a_to_b_then_only_b_is_needed(sealed_under_a, settings, admin_user, capsys):
    settings.MYNUMBER_KEYS = {"B": KEY_B, "A": KEY_A}  # step 1: the new key first, the old one after it

    call_command("rotate_mynumber_key", "--user", admin_user.username, "--batch-size", "2")

    out = capsys.readouterr().out
    assert "暗号化に使う鍵: B" in out
    assert "個人番号: A → B: 3件" in out and "二要素認証の鍵: A → B: 1件" in out
    assert "帳票ファイル: A → B: 1件" in out and "帳票データの個人番号: A → B: 1件" in out
    assert "送付データ (ZIP): A → B: 1件" in out and "住基への移転ファイル: A → B: 1件" in out
    for number in NUMBERS:
        assert number not in out
    settings.MYNUMBER_KEYS = {"B": KEY_B}  # step 3: the old key is removed
    _everything_opens(sealed_under_a, settings)

    second = keys_rotate()  # run again: nothing left under another key
    assert second.rotated_total == 0 and second.failed_total == 0
    assert second.current["個人番号"] == 3 and second.current["帳票ファイル"] == 1


def test_an_interrupted_run_is_finished_by_running_again(sealed_under_a, settings, monkeypatch):
    settings.MYNUMBER_KEYS = {"B": KEY_B, "A": KEY_A}
    from dataclasses import replace

    from cases.security import sealed_stores

    real = sealed_stores._STORES[sealed_stores.TOTP]

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setitem(sealed_stores._STORES, sealed_stores.TOTP, replace(real, reseal=crash))
    with pytest.raises(KeyboardInterrupt):
        keys_rotate(batch_size=1)
    # The numbers were done (committed batch by batch); the secret and files were not reached.
    assert set(MyNumber.objects.values_list("key_id", flat=True)) == {"B"}
    monkeypatch.setitem(sealed_stores._STORES, sealed_stores.TOTP, real)
    again = keys_rotate(batch_size=1)
    assert sum(again.rotated["個人番号"].values()) == 0 and again.current["個人番号"] == 3
    assert again.rotated["二要素認証の鍵"] == {"A": 1}
    settings.MYNUMBER_KEYS = {"B": KEY_B}
    _everything_opens(sealed_under_a, settings)


def test_without_the_old_key_nothing_is_lost_and_the_command_says_so(sealed_under_a, settings, admin_user):
    settings.MYNUMBER_KEYS = {"B": KEY_B}  # the old key removed too early
    with pytest.raises(CommandError, match="古い鍵を鍵リングから外さず"):
        call_command("rotate_mynumber_key", "--user", admin_user.username)
    assert set(MyNumber.objects.values_list("key_id", flat=True)) == {"A"}  # untouched, still readable with A
    settings.MYNUMBER_KEYS = {"B": KEY_B, "A": KEY_A}
    call_command("rotate_mynumber_key", "--user", admin_user.username)
    settings.MYNUMBER_KEYS = {"B": KEY_B}
    _everything_opens(sealed_under_a, settings)


def test_the_rotation_needs_an_administrator(sealed_under_a, settings, clerk):
    settings.MYNUMBER_KEYS = {"B": KEY_B, "A": KEY_A}
    with pytest.raises(CommandError, match="この処理の権限"):
        call_command("rotate_mynumber_key", "--user", clerk.username)
    assert set(MyNumber.objects.values_list("key_id", flat=True)) == {"A"}
