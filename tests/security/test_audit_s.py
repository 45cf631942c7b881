"""Code-driven audit S (2026-12-06): an insider of one office and an anonymous user, each attack a test
written before its fix (numbered below: 1 the reports of no case, 2 reveals sent at once, 3 the search by
個人番号 under a suspension, 4 a reveal refused without a trace).

1. Reports that belong to no case or bundle (勧奨状 batches, the 問合せ受付簿 PDF) were handed to anyone
   holding the report's permission, by id: a 神居 clerk printed 本庁's 勧奨状 (names and addresses of 本庁's
   residents) and the 本庁 受付簿 (every requester and what they asked) by counting document ids.
"""

import datetime as dt
import hashlib
import io

import pytest
from django.core.cache import cache
from django.utils import timezone
from pypdf import PdfWriter

from cases.qualification.models import QualificationListRow
from cases.security.models.alerts import RevealSuspension, SecurityAlert
from cases.security.models.audit import AuditAction, AuditEntry
from documents.models import Document
from documents.storage import file_name_for, write_sealed
from tests.conftest import make_user
from tests.security.auth_helpers import client_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def kamui_clerk(other_office):
    return make_user("kamui-s1", "clerk", other_office)


def _standalone_pdf(kind: str, requested_by) -> Document:
    """A DONE report of no case and no bundle, its sealed file a blank page."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"{kind} {requested_by.pk}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = buffer.getvalue()
    digest = hashlib.sha256(pdf).hexdigest()
    document = Document.objects.create(
        kind=kind,
        template="stub",
        context={},
        context_sha256=digest,
        status=Document.Status.DONE,
        sha256=digest,
        rendered_at=timezone.now(),
        requested_by=requested_by,
    )
    document.file = file_name_for(document_id=document.pk, sha256=digest)
    write_sealed(name=document.file, plain=pdf, document_id=document.pk)
    document.save(update_fields=["file"])
    return document


@pytest.fixture
def honcho_letters(world, clerk):
    """本庁's 勧奨状 batch: the PDF of a row of 本庁's 勧奨 list."""
    document = _standalone_pdf(Document.Kind.SOLICITATIONS, clerk)
    QualificationListRow.objects.create(
        qualification_list=world.qualification_list,
        line_no=2,
        kana_name="カグラ ミチコ",
        birth_date=dt.date(1990, 4, 1),
        status=QualificationListRow.Status.MATCHED,
        letter=QualificationListRow.Letter.ISSUED,
        letter_document_id=document.pk,
    )
    return document


def test_a_clerk_of_another_office_does_not_print_honchos_solicitation_letters(
    world, honcho_letters, kamui_clerk, clerk2
):
    cache.clear()
    answer = client_as(kamui_clerk).get(f"/documents/{honcho_letters.pk}/")
    assert answer.status_code == 404
    assert b"%PDF" not in answer.content
    assert AuditEntry.objects.filter(actor_id=kamui_clerk.pk, action=AuditAction.DENIED).exists()
    # 本庁's own counter still prints them (a colleague's batch included).
    own = client_as(clerk2).get(f"/documents/{honcho_letters.pk}/")
    assert own.status_code == 200 and own.content.startswith(b"%PDF")


def test_a_clerk_of_another_office_does_not_print_another_persons_inquiry_log(
    world, clerk, supervisor, kamui_clerk
):
    cache.clear()
    honcho_log = _standalone_pdf(Document.Kind.INQUIRY_LOG, clerk)
    citywide_log = _standalone_pdf(Document.Kind.INQUIRY_LOG, supervisor)  # every office's entries
    client = client_as(kamui_clerk)
    for document in (honcho_log, citywide_log):
        answer = client.get(f"/documents/{document.pk}/")
        assert answer.status_code == 404, document.requested_by
        assert b"%PDF" not in answer.content
    assert AuditEntry.objects.filter(actor_id=kamui_clerk.pk, action=AuditAction.DENIED).exists()
    # The requester prints their own; a 係長 (who sees every office's 受付簿) prints any.
    assert client_as(clerk).get(f"/documents/{honcho_log.pk}/").status_code == 200
    assert client_as(supervisor).get(f"/documents/{honcho_log.pk}/").status_code == 200
    # Their own 受付簿, asked for through the screen, still comes.
    own = client.post("/inquiries/log.pdf", {"year": timezone.localdate().year})
    assert own.status_code == 302


# 2. The hourly limit on 個人番号 reveals (decisions §18) counted the reveals already logged, then
#    revealed, with nothing between the two held: reveals sent at the same instant each counted the same
#    number and each went through, past the limit, before any suspension was made.


@pytest.mark.django_db(transaction=True)
def test_reveals_sent_at_the_same_instant_do_not_pass_the_hourly_limit(settings, reference_data):
    from cases.registry.mynumber import mynumber_register, mynumber_reveal
    from cases.security.models.offices import Office
    from tests.concurrency import race
    from tests.factories import applicant_with_household
    from tests.security.test_i11_reveals import valid_number
    from tests.workflows import helpers as h

    settings.NENKIN_REVEAL_LIMIT_PER_HOUR = 2
    clerk = make_user("clerk-race", "clerk", Office.objects.get(code="honcho"))
    residents = []
    for n in range(8):
        applicant, _ = applicant_with_household()
        mynumber_register(resident=applicant, number=valid_number(3000 + n))
        h.start_case(clerk=clerk, resident=applicant)  # a case at the clerk's office: no approval needed
        residents.append(applicant)

    def reveal_of(resident):
        return lambda: mynumber_reveal(user=clerk, resident=resident, purpose="identity", note="確認")

    outcomes = race(*(reveal_of(resident) for resident in residents))
    shown = AuditEntry.objects.filter(
        actor_id=clerk.pk, action=AuditAction.MYNUMBER_REVEAL, detail__result="shown"
    ).count()
    assert shown == 2, outcomes
    assert sorted(kind for kind, _ in outcomes) == ["ok"] * 2 + ["refused"] * 6
    # The ones refused suspended revealing and told the auditor, as one past the limit does.
    assert RevealSuspension.objects.filter(user=clerk, lifted_at__isnull=True).count() == 1
    assert SecurityAlert.objects.filter(user=clerk, kind=SecurityAlert.Kind.REVEAL_LIMIT).exists()


# 3. A suspension of 個人番号 use (the hourly limit reached, decisions §18) stopped reveals but not the
#    search by 個人番号: the same person went on turning numbers into names, addresses and 基礎年金番号
#    at the counter's search, as fast as they could type, until a 係長 lifted it.


def test_a_suspended_clerk_cannot_search_by_mynumber_either(client, clerk):
    from cases.registry.mynumber import mynumber_register
    from cases.security.models.alerts import RevealSuspension
    from tests.factories import ResidentFactory
    from tests.security.test_i11_reveals import valid_number

    resident = ResidentFactory()
    number = valid_number(4242)
    mynumber_register(resident=resident, number=number)
    client.force_login(clerk)
    sent = {"number": number, "purpose": "identity", "note": ""}
    found = client.post("/intake/", sent)
    assert resident.kanji_name in found.content.decode()  # before the suspension: found

    RevealSuspension.objects.create(user=clerk, reason="1時間の表示件数が上限 (20件) に達しました")
    cache.clear()
    refused = client.post("/intake/", sent)
    assert resident.kanji_name not in refused.content.decode()
    assert "停止" in refused.content.decode()
    denied = AuditEntry.objects.filter(actor_id=clerk.pk, action=AuditAction.DENIED, target="mynumber_search")
    assert denied.filter(detail__reason="reveal_suspended").exists()


# 4. A reveal refused for want of a 係長's approval (no case or intake of the person at the clerk's
#    office) left no trace: the form said so and the access log had nothing, so a clerk trying the
#    numbers of other offices' residents one after another was invisible to the auditor.


def test_a_reveal_refused_for_want_of_approval_is_in_the_access_log(client, other_office):
    from cases.registry.mynumber import mynumber_register
    from tests.factories import ResidentFactory
    from tests.security.test_i11_reveals import valid_number

    stranger = ResidentFactory()
    mynumber_register(resident=stranger, number=valid_number(5151))
    kamui_clerk = make_user("kamui-s4", "clerk", other_office)
    client.force_login(kamui_clerk)
    answer = client.post(f"/residents/{stranger.pk}/mynumber/", {"purpose": "identity", "note": "確認"})
    assert "係長の承認が必要" in answer.content.decode()
    assert 'id="mynumber"' not in answer.content.decode()
    denied = AuditEntry.objects.filter(
        actor_id=kamui_clerk.pk, action=AuditAction.DENIED, resident_id=stranger.pk, target="mynumber_reveal"
    )
    assert denied.filter(detail__reason="needs_approval").exists()
