"""The 職員 filter of /audit/ finds a staff member by user ID, by today's name or by the name an entry was
written under, however the name is typed: a half-width or full-width space or none, part of the name
(a rename 佐藤　美咲 → 田中　美咲 left the old entries unfindable by either name as typed)."""

import pytest

from cases.security.audit import audit_record
from cases.security.models.audit import AuditAction
from cases.security.selectors.audit import audit_entries
from documents.reports import audit_report_snapshot

pytestmark = pytest.mark.django_db


def _rename(user, name):
    user.display_name = name
    user.save(update_fields=["display_name"])


@pytest.fixture
def renamed(clerk, clerk2):
    _rename(clerk, "佐藤　美咲")
    before = audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    _rename(clerk, "田中　美咲")
    after = audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    _rename(clerk2, "佐藤　一郎")
    other = audit_record(action=AuditAction.VIEW, actor=clerk2, target="case")
    return before, after, other


def _found(typed):
    return set(audit_entries(username=typed).values_list("pk", flat=True))


@pytest.mark.parametrize("typed", ["田中　美咲", "田中 美咲", "田中美咲", "田中", "美咲", "田中  美咲"])
def test_todays_name_finds_every_entry_of_the_person(renamed, typed):
    before, after, _other = renamed
    assert _found(typed) == {before.pk, after.pk}


@pytest.mark.parametrize("typed", ["佐藤　美咲", "佐藤 美咲", "佐藤美咲"])
def test_the_name_at_the_time_finds_the_entries_written_under_it(renamed, typed):
    before, _after, _other = renamed
    assert _found(typed) == {before.pk}


def test_part_of_a_name_finds_everyone_who_had_it(renamed):
    before, _after, other = renamed
    assert _found("佐藤") == {before.pk, other.pk}


def test_a_width_variant_of_a_latin_name_is_the_same_name(clerk):
    _rename(clerk, "Ｍａｒｉａ　Ｓｉｌｖａ")
    entry = audit_record(action=AuditAction.VIEW, actor=clerk, target="case")
    _rename(clerk, "Maria Costa")
    assert _found("maria silva") == {entry.pk}


def test_the_user_id_is_matched_exactly(renamed, clerk):
    before, after, _other = renamed
    assert _found(clerk.username) == {before.pk, after.pk}
    assert _found(clerk.username[:-1]) == set()


def test_the_screen_csv_and_pdf_report_take_the_same_filter(client, auditor, renamed):
    before, _after, _other = renamed
    client.force_login(auditor)
    page = client.get("/audit/", {"username": "佐藤 美咲"}).content.decode()
    assert "佐藤　美咲 (現在: 田中　美咲)" in page and "佐藤　一郎" not in page
    body = client.get("/audit/report.csv", {"username": "佐藤 美咲"}).content.decode("utf-8-sig")
    ids = {line.split(",", 1)[0] for line in body.splitlines()[1:]}
    assert ids == {str(before.pk)}
    snapshot = audit_report_snapshot(filters={"username": "佐藤 美咲"})
    assert [row["id"] for row in snapshot.context["entries"]] == [before.pk]
    assert snapshot.context["total"] == 1


def test_a_name_search_reads_the_log_through_its_indexes_not_whole(renamed):
    """The access log grows by an entry per person shown: a name typed in the 職員 filter read every
    entry of it (the kept name has no index). It goes through the log's index on the actor now,
    limited to the people who ever had a matching name (StaffName)."""
    from django.db import connection

    for typed in ("佐藤", "佐藤 美咲", "clerk1"):
        # The count the screen's pages need (no order: the planner could walk the whole primary key
        # backwards instead, which reads everything too).
        sql, params = audit_entries(username=typed).order_by().query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a table this small would be read whole
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Seq Scan on cases_auditentry" not in plan, (typed, plan)
        assert "cases_auditentry_pkey" not in plan, (typed, plan)
        assert "audit_actor_idx" in plan, (typed, plan)
