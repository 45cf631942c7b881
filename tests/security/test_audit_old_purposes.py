"""Access-log purposes older code wrote in English read as the log writes them today.

From 2026-12-03 (09d261c) to 2026-12-06 (0816819) a 個人番号 reveal approval request logged its purpose
as the RevealPurpose label in the requesting clerk's screen language: a request made on an English
screen left "Identity check (checking the number at the counter)" among the Japanese purposes of the
auditor's screen, CSV and PDF report, and on the requester's 開示報告書. Since then the label is kept in
the installation's words (reveals.purpose_stated). The log is append-only and each entry's hash covers
its purpose (migration 0009, tests/security/test_i11_audit_log.py): the old entries are read in today's
form, never rewritten, and the chain still verifies.
"""

import pytest
from django.utils import translation

from cases.registry.models.reveals import RevealPurpose
from cases.security.audit import audit_chain_verify, audit_record
from cases.security.audit_present import audit_rows
from cases.security.models.audit import AuditAction, AuditEntry
from documents.disclosure import _access_log
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

# Exactly what the code before 0816819 wrote on an English screen (the catalogue's words since e8f9b2a).
WRITTEN = {
    "Identity check (checking the number at the counter)": RevealPurpose.IDENTITY,
    "Preparing or checking an application or notification": RevealPurpose.FILING,
    "Inquiry to or answer for the Japan Pension Service": RevealPurpose.PENSION_OFFICE,
    "Handling a disclosure, correction or suspension request": RevealPurpose.REQUEST,
    "Other (write it in the note)": RevealPurpose.OTHER,
}


def japanese(purpose: RevealPurpose) -> str:
    with translation.override("ja"):
        return str(purpose.label)


def requested(clerk, resident, purpose: str, *, target="mynumber_reveal_approval") -> AuditEntry:
    """An approval request's entry as the code before 0816819 wrote it."""
    return audit_record(
        action=AuditAction.CHANGE,
        actor=clerk,
        resident_id=resident.pk,
        target=target,
        purpose=purpose,
        detail={"event": "requested", "approval_id": 1},
    )


@pytest.mark.parametrize("written", list(WRITTEN))
def test_an_old_english_purpose_reads_as_the_label_kept_today_and_the_entry_is_not_rewritten(clerk, written):
    entry = requested(clerk, ResidentFactory(), written)
    (row,) = audit_rows(AuditEntry.objects.filter(pk=entry.pk))
    assert row.purpose == japanese(WRITTEN[written])
    entry.refresh_from_db()
    assert entry.purpose == written and audit_chain_verify().ok


def test_the_screen_the_csv_and_the_disclosure_report_read_it_so(client, auditor, clerk):
    resident = ResidentFactory()
    requested(clerk, resident, "Identity check (checking the number at the counter)")
    label = japanese(RevealPurpose.IDENTITY)
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    assert label in page and "Identity check (checking" not in page
    body = client.get("/audit/report.csv").content.decode("utf-8-sig")
    assert label in body and "Identity check (checking" not in body
    # An English reader has the label of the list in English, as any purpose of the list
    # (tests/i18n/test_access_log_english.py): today's words, which are also what was written here.
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        english = str(RevealPurpose.IDENTITY.label)
    assert english in client.get("/audit/").content.decode()
    assert english in client.get("/audit/report.csv").content.decode("utf-8-sig")
    rows, _total = _access_log(resident)
    assert [row["purpose"] for row in rows] == [label]


def test_what_is_not_recognised_stays_as_written(clerk):
    resident = ResidentFactory()
    kept = [
        # The same words logged for anything but an approval request: not what the old code wrote there.
        requested(clerk, resident, "Identity check (checking the number at the counter)", target="case"),
        requested(clerk, resident, "Identity check at the counter"),  # not the label's words
        requested(clerk, resident, "本人確認 (窓口での番号の確認)"),  # today's form already
    ]
    rows = audit_rows(AuditEntry.objects.filter(pk__in=[entry.pk for entry in kept]).order_by("id"))
    assert [row.purpose for row in rows] == [entry.purpose for entry in kept]
