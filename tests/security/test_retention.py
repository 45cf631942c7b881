import datetime as dt

import pytest
from django.core.management import call_command

from cases.registry.models.pension import MyNumber
from cases.registry.mynumber import mynumber_register
from cases.registry.retention import retention_dates_refresh, retention_purge
from cases.security.models.audit import AuditAction, AuditEntry
from tests.factories import ResidentFactory
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def expired():
    resident = ResidentFactory(removed_on=dt.date(2020, 4, 1), change_reason="05", address="旭川市1条通")
    mynumber_register(resident=resident, number="123456789018")
    return resident


def test_dry_run_lists_and_changes_nothing(expired, admin_user, capsys):
    call_command("purge_expired", "--dry-run", "--user", admin_user.username)
    out = capsys.readouterr().out
    assert expired.atena_no in out and "消去対象: 個人番号 計 1 件" in out
    assert MyNumber.objects.get(resident=expired).lookup_hash
    expired.refresh_from_db()
    assert expired.retention_until is None  # the retention end a real run would set is not written
    assert not AuditEntry.objects.filter(action=AuditAction.PURGE).exists()


def test_purge_removes_the_number_irreversibly_and_logs_it(expired, admin_user, settings):
    settings.NENKIN_RETENTION_PURGE_FIELDS = ["address"]
    call_command("purge_expired", "--user", admin_user.username)
    record = MyNumber.objects.get(resident=expired)
    assert (record.ciphertext, record.key_id, record.lookup_hash) == ("", "", None)
    assert record.purged_at is not None
    expired.refresh_from_db()
    assert expired.retention_until == dt.date(2025, 4, 1) and expired.address == ""
    entry = AuditEntry.objects.get(action=AuditAction.PURGE)
    assert entry.resident_id == expired.pk and "個人番号" in entry.detail["fields"]
    assert entry.actor_id == admin_user.pk
    assert retention_purge() == []  # nothing left to do the second time


def test_not_yet_expired_and_open_cases_are_kept(expired, clerk, admin_user):
    keep = ResidentFactory(removed_on=dt.date(2024, 1, 1))
    mynumber_register(resident=keep, number="000000000060")
    assert [c.resident_id for c in retention_purge(today=TODAY, dry_run=True)] == []  # dates not set yet
    retention_dates_refresh()
    assert [c.resident_id for c in retention_purge(today=TODAY, dry_run=True)] == [expired.pk]
    # a person with a case still open is not purged even after the retention end
    from tests.factories import PensionRecordFactory

    PensionRecordFactory(resident=expired)
    expired.removed_on = None
    expired.save()
    h.start_case(clerk=clerk, resident=expired)
    assert retention_purge(today=TODAY, dry_run=True) == []
