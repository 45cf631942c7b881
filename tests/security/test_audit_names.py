"""The access log names the staff member as they were called when they acted: an auditor reading an old
entry after a rename (a marriage, a correction) sees the name the entry was written under, with today's
beside it — the log's user ID alone was kept before, and the screen, CSV and PDF report looked the name up
afresh (番号法 12条 / 特定個人情報保護評価書 III: the record says who accessed)."""

import pytest
from django.utils import timezone

from cases.security.audit import audit_record, audit_record_each
from cases.security.audit_present import audit_rows
from cases.security.models.audit import AuditAction, AuditEntry
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def _rename(user, name):
    user.display_name = name
    user.save(update_fields=["display_name"])


def test_an_entry_keeps_the_name_its_actor_had_and_shows_todays_beside_it(clerk):
    _rename(clerk, "佐藤 花子")
    entry = audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    _rename(clerk, "鈴木 花子")
    later = audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    old_row, new_row = audit_rows(AuditEntry.objects.filter(pk__in=[entry.pk, later.pk]).order_by("pk"))
    assert old_row.staff == "佐藤 花子 (現在: 鈴木 花子)"
    assert new_row.staff == "鈴木 花子"


def test_each_entry_of_a_list_keeps_the_name_too(clerk):
    resident = ResidentFactory()
    _rename(clerk, "佐藤 花子")
    audit_record_each(
        people=[(resident.pk, None)], action=AuditAction.SEARCH, actor=clerk, target="resident_search"
    )
    _rename(clerk, "鈴木 花子")
    (row,) = audit_rows(AuditEntry.objects.filter(action=AuditAction.SEARCH))
    assert row.staff == "佐藤 花子 (現在: 鈴木 花子)"


def test_an_entry_written_before_names_were_kept_shows_the_current_name(clerk):
    # As written before (the chain aside: the log takes INSERTs only).
    entry = AuditEntry.objects.create(
        at=timezone.now(),
        actor_id=clerk.pk,
        actor_username=clerk.username,
        action=AuditAction.VIEW,
        target="case",
        prev_hash="0" * 64,
        entry_hash="f" * 64,
    )
    _rename(clerk, "鈴木 花子")
    (row,) = audit_rows(AuditEntry.objects.filter(pk=entry.pk))
    assert row.staff == "鈴木 花子"
