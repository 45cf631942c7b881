"""A 住基への移転 carries only the columns its 情報処理依頼書 asks for (PIA III-5: 「依頼書等の内容を検査した
上で、必要な情報のみを提供」). The file always held every column of the format, whatever was asked."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from cases.registry.models.pension import AdditionalPension, Qualification
from cases.security.audit_present import reason_text
from cases.security.models.audit import AuditEntry
from cases.submission import transfer as svc
from cases.submission.models import RegistryTransfer
from tests.factories import TRANSFER_DOCUMENT, TRANSFER_DOCUMENT_FORM, PensionRecordFactory

pytestmark = pytest.mark.django_db
FIXED = ["区分", "宛名番号", "資格取得日", "付加加入日"]
ASKED = ["資格喪失日", "資格喪失理由"]
DOC = {k: v for k, v in TRANSFER_DOCUMENT.items() if k != "columns"}
FORM = {k: v for k, v in TRANSFER_DOCUMENT_FORM.items() if k != "columns"}


@pytest.fixture
def member(reference_data):
    pension = PensionRecordFactory()
    Qualification.objects.create(
        pension=pension,
        insured_kind="1",
        acquired_on=dt.date(2015, 6, 14),
        acquired_reason="01",
        lost_on=dt.date(2026, 4, 1),
        lost_reason="04",
    )
    AdditionalPension.objects.create(pension=pension, kind="1", joined_on=dt.date(2016, 1, 1))
    return pension


def _file(transfer, clerk, supervisor) -> list[list[str]]:
    transfer = svc.transfer_decide(transfer=transfer, by=supervisor, approve=True)
    transfer = svc.transfer_produce(transfer=transfer, by=clerk)
    text = svc.transfer_download(transfer=transfer, by=clerk).decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_the_form_offers_the_columns_none_ticked_and_names_the_fixed_ones(client, clerk):
    client.force_login(clerk)
    page = client.get("/transfers/").content.decode()
    assert 'name="columns" value="資格喪失日"' in page and 'name="columns" value="基礎年金番号"' in page
    assert 'name="columns" value="宛名番号"' not in page  # fixed: always in the file, not a choice
    assert "checked" not in page.split('name="columns"', 1)[1].split("</fieldset>")[0]
    assert all(name in page for name in FIXED)


def test_a_narrowed_request_makes_a_file_of_exactly_the_chosen_columns(client, member, clerk, supervisor):
    client.force_login(clerk)
    response = client.post("/transfers/", {"reason": "転出者の喪失の反映", **FORM, "columns": ASKED})
    assert response.status_code == 302
    transfer = RegistryTransfer.objects.get()
    assert transfer.columns == ["区分", "宛名番号", "資格取得日", "資格喪失日", "資格喪失理由", "付加加入日"]

    client.force_login(supervisor)  # the approver sees what will be provided before approving
    before = client.get(f"/transfers/{transfer.pk}/").content.decode().split("承認する")[0]
    assert "資格喪失日" in before and "資格喪失理由" in before and "被保険者種別" not in before

    header, *rows = _file(transfer, clerk, supervisor)
    assert header == ["区分", "宛名番号", "資格取得日", "資格喪失日", "資格喪失理由", "付加加入日"]
    # Only 資格 columns were asked for: the 付加 line would carry nothing but who, so it is left out.
    assert rows == [["資格", member.resident.atena_no, "2015-06-14", "2026-04-01", "04", ""]]
    assert member.basic_pension_no not in "".join(header + rows[0])
    transfer.refresh_from_db()
    assert transfer.record_count == 1

    for entry in AuditEntry.objects.filter(target=f"transfer:{transfer.pk}"):
        assert entry.detail["columns"] == transfer.columns
        assert "資格喪失日・資格喪失理由" in reason_text(entry.detail)


@pytest.mark.parametrize("column", ["個人番号", "住所", "宛名番号"])
def test_a_column_outside_the_choice_is_refused(client, clerk, column):
    client.force_login(clerk)
    response = client.post("/transfers/", {"reason": "x", **FORM, "columns": ["資格喪失日", column]})
    assert response.status_code == 200 and not RegistryTransfer.objects.exists()
    assert "移転する項目" in response.content.decode()
    with pytest.raises(ValidationError) as raised:
        svc.transfer_request(by=clerk, reason="x", **DOC, columns=["資格喪失日", column])
    assert "columns" in raised.value.message_dict and not RegistryTransfer.objects.exists()


def test_a_request_asking_for_no_column_is_refused(client, clerk):
    client.force_login(clerk)
    response = client.post("/transfers/", {"reason": "x", **FORM})
    assert "移転する項目を1つ以上選んでください。" in response.content.decode()
    with pytest.raises(ValidationError) as raised:
        svc.transfer_request(by=clerk, reason="x", **DOC, columns=[])
    assert raised.value.message_dict["columns"] == ["移転する項目を1つ以上選んでください。"]
    assert not RegistryTransfer.objects.exists()


def test_a_column_left_out_before_is_sent_from_when_it_was_last_sent(member, clerk, supervisor):
    """The "changed since the previous transfer" is per column: a narrowed transfer sent only some columns,
    so the next one asking for another column takes the rows changed since that column last went."""
    first = svc.transfer_request(by=clerk, reason="全項目", **TRANSFER_DOCUMENT)
    _file(first, clerk, supervisor)
    changed = member.qualifications.get()
    changed.acquired_reason = "02"  # corrected: 国外転入, not 20歳到達
    changed.save()
    narrow = svc.transfer_request(by=clerk, reason="喪失のみ", **DOC, columns=["資格喪失日"])
    assert len(_file(narrow, clerk, supervisor)) == 2
    kind = svc.transfer_request(by=clerk, reason="取得理由", **DOC, columns=["資格取得理由"])
    header, *rows = _file(kind, clerk, supervisor)
    # 資格取得理由 last went in the first file: the change made before the narrow one is sent now.
    assert header == ["区分", "宛名番号", "資格取得日", "資格取得理由", "付加加入日"] and rows[0][3] == "02"
    kind.refresh_from_db()
    first.refresh_from_db()
    assert kind.changes_since == first.produced_at


def test_an_english_detail_page_names_the_columns_and_who_produced_the_file(
    client, member, clerk, supervisor
):
    """QA walk: the detail page listed the columns by the file's Japanese header on an English page (the
    request form named them in English), and its 経過 said 作成 without the person who made the file."""
    from django.conf import settings

    transfer = svc.transfer_request(by=clerk, reason="転出者の喪失の反映", **DOC, columns=ASKED)
    _file(transfer, clerk, supervisor)
    transfer.refresh_from_db()
    assert transfer.produced_by == clerk
    client.force_login(supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/transfers/{transfer.pk}/").content.decode()
    assert "資格喪失日" not in page and "宛名番号" not in page
    assert "Date coverage ended" in page and "Resident ID (atena no.)" in page
    assert f"File produced: {clerk}" in page
