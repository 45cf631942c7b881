"""Who saw a person, in a list too (PIA III-3 「監査 (ログ運用)」): the audit test of 2026-12-06 found
that a name search, a case search, the 送付一覧表 and a bundle ZIP showed people and were logged without
them, so the auditor's filter by 宛名番号 could not answer "who looked at this person"."""

import pytest

from cases.security.audit import audit_chain_verify
from cases.security.models.audit import AuditAction, AuditEntry
from cases.security.selectors.audit import audit_entries
from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


def seen(resident, action: str, target: str) -> list[AuditEntry]:
    return list(audit_entries(atena_no=resident.atena_no).filter(action=action, target=target))


def test_a_name_search_is_found_under_each_person_it_showed(client, clerk):
    first, _spouse = applicant_with_household()
    client.force_login(clerk)
    client.post("/intake/", {"search": "name", "atena_no": first.atena_no})
    entries = seen(first, AuditAction.SEARCH, "resident_search")
    assert len(entries) == 1 and entries[0].actor_id == clerk.pk
    assert entries[0].detail["criteria"] == ["atena_no"] and entries[0].detail["hits"] == 1
    assert audit_chain_verify().ok


def test_a_search_that_finds_nobody_is_still_logged(client, clerk):
    client.force_login(clerk)
    client.post("/intake/", {"search": "name", "atena_no": "99999999"})
    entry = AuditEntry.objects.filter(target="resident_search").get()
    assert entry.resident_id is None and entry.detail["hits"] == 0


def test_a_case_search_is_found_under_each_person_on_the_page(client, clerk):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    found = client.post("/cases/", {"number": case.number}, follow=True)
    assert case.number in found.content.decode()
    entries = seen(applicant, AuditAction.SEARCH, "case_search")
    assert len(entries) == 1 and entries[0].case_id == case.pk
    assert audit_chain_verify().ok


def test_a_mynumber_search_takes_its_purpose_from_the_number_use_list(client, clerk):
    """番号法9条 (PIA III-3 リスク1 「番号利用事務以外で個人番号での検索はできない」): the search took any
    text as its purpose (「私用」, 「x」); it now takes the reveal's list, 「その他」 only with a note."""
    from cases.registry.mynumber import mynumber_register

    person, _spouse = applicant_with_household()
    mynumber_register(resident=person, number="123456789018")
    client.force_login(clerk)
    for refused in ({"purpose": "私用"}, {"purpose": "other"}, {"purpose": ""}):
        page = client.post("/intake/", {"number": "123456789018", **refused}).content.decode()
        assert person.kanji_name not in page
    assert not AuditEntry.objects.filter(action=AuditAction.MYNUMBER_SEARCH).exists()
    page = client.post("/intake/", {"number": "123456789018", "purpose": "identity"}).content.decode()
    assert person.kanji_name in page
    entry = AuditEntry.objects.get(action=AuditAction.MYNUMBER_SEARCH)
    assert entry.resident_id == person.pk and entry.purpose.startswith("本人確認")


def test_a_resident_number_typed_full_width_or_grouped_is_found(client, clerk):
    """宛名番号 in full-width digits or with hyphens found nobody (the clerk's-day test of 2026-12-06)."""
    from cases.registry.selectors.residents import residents_search
    from tests.factories import ResidentFactory

    person = ResidentFactory(atena_no="1000000085")
    for typed in ("１０００００００８５", "1000-0000-85", " 1000 0000 85 "):
        assert list(residents_search(atena_no=typed)) == [person], typed


def test_a_person_under_use_suspension_has_the_number_neither_shown_nor_searched(client, clerk):
    """利用停止 granted (個人情報保護法100条) was a banner only: the 個人番号 was still shown and searched (the
    audit test of 2026-12-06). Refused and logged now, until a 係長 lifts it."""
    import datetime as dt

    from cases.registry.mynumber import mynumber_register

    person, _spouse = applicant_with_household()
    mynumber_register(resident=person, number="123456789018")
    type(person).objects.filter(pk=person.pk).update(use_suspended_on=dt.date(2026, 12, 1))
    client.force_login(clerk)
    found = client.post("/intake/", {"number": "123456789018", "purpose": "identity"}).content.decode()
    assert "利用停止中" in found and f"/intake/exemption/{person.pk}/" not in found
    shown = client.post(f"/residents/{person.pk}/mynumber/", {"purpose": "identity", "note": "確認"})
    assert shown.status_code == 403 and "1234 5678 9018" not in shown.content.decode()
    refusals = AuditEntry.objects.filter(action=AuditAction.DENIED, resident_id=person.pk)
    assert {entry.target for entry in refusals} == {"mynumber_search", "mynumber_reveal"}
    assert all(entry.detail["reason"] == "use_suspended" for entry in refusals)
