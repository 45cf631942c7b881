"""The claim's documents, rendered for real: the 受付票 summary, the 送付票 for 機構 (what is enclosed, the
originals sent separately), the referral slip, and the claims' own section of the 送付一覧表. None of
them carries the 個人番号, so the 委託先 operator may print them."""

import datetime as dt

import pytest
from django.utils import timezone

from cases.kernel.models import Case
from cases.registry.mynumber import mynumber_register
from cases.submission.bundles import bundle_build
from documents.models import Document
from documents.selectors import document_get_for_user, document_pdf
from documents.services import document_render, document_request
from tests.disability import helpers as d
from tests.documents.conftest import pdf_text, valid_mynumber
from tests.factories import PensionRecordFactory, applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db
NUMBER = valid_mynumber()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def resident():
    resident = PensionRecordFactory().resident
    mynumber_register(resident=resident, number=NUMBER)
    return resident


def rendered_text(document: Document) -> str:
    document = document_render(document_id=document.pk)
    return pdf_text(document_pdf(document=document))


def test_the_referral_slip_gives_the_reason_and_carries_no_mynumber(clerk, operator, resident):
    case = d.start_claim(clerk=clerk, resident=resident, status_at_first_visit="category2")
    slip = Document.objects.get(case=case, kind="referral")
    text = rendered_text(slip)
    assert "年金事務所へのご案内" in text and "第2号被保険者" in text and "旭川年金事務所" in text
    assert NUMBER not in text and not slip.includes_mynumber
    assert document_get_for_user(user=operator, document_id=slip.pk) == slip  # 委託先 may print it


def test_the_receipt_names_the_claim_kind(clerk, resident):
    case = d.start_claim(clerk=clerk, resident=resident)
    text = rendered_text(Document.objects.get(case=case, kind="receipt"))
    assert "受付票" in text and "年金請求書" in text and "認定日請求" in text and "うつ病" in text
    assert "申請の内容(希望順)" not in text


def test_the_transmittal_slip_lists_the_papers_and_sends_the_originals_separately(
    clerk, clerk2, supervisor, operator, resident
):
    case = d.start_claim(clerk=clerk, resident=resident)
    d.ready_to_send(case, clerk, clerk2, supervisor)
    slip = document_request(kind="filing", case=case, requested_by=supervisor)
    text = rendered_text(slip)
    for expected in ("送付票", "原本は別送", "病歴・就労状況等申立書", "同封(原本)", "認定日請求", "うつ病"):
        assert expected in text, expected
    assert NUMBER not in text and not slip.includes_mynumber
    assert document_get_for_user(user=operator, document_id=slip.pk) == slip


def test_the_transmittal_slip_is_called_so_on_the_case_page_and_in_its_own_footer(
    client, clerk, clerk2, supervisor, resident
):
    """Exploratory test 2026-12-06: the claim's filing document is the 送付票 (its heading, the manual) but the
    case page and the PDF's footer called it 「届書 (入力内容)」, the exemption's name for it."""
    case = d.start_claim(clerk=clerk, resident=resident)
    d.ready_to_send(case, clerk, clerk2, supervisor)
    slip = document_request(kind="filing", case=case, requested_by=supervisor)
    footer = rendered_text(slip).strip().splitlines()[-1]
    assert f"帳票番号{slip.pk}・送付票・" in footer, footer  # the PDF's text comes without spaces
    client.force_login(supervisor)
    panel = client.get(f"/cases/{case.pk}/").content.decode().split("帳票", 1)[1]
    assert "送付票" in panel and "届書 (入力内容)" not in panel


def test_the_transmittal_slip_carries_the_claims_remarks(clerk, clerk2, supervisor, resident):
    """The 送付票 left out the claim's 備考 (the regression check of 2026-12-06), which every 届書 prints."""
    case = d.start_claim(clerk=clerk, resident=resident)
    type(case.disability).objects.filter(pk=case.disability.pk).update(remarks="診断書は後日郵送の予定")
    d.ready_to_send(case, clerk, clerk2, supervisor)
    slip = document_request(kind="filing", case=case, requested_by=supervisor)
    assert "診断書は後日郵送の予定" in rendered_text(slip)


def test_ho102_the_transmittal_slip_notes_the_time_bar(clerk, clerk2, supervisor, resident):
    """法102条1項: a 認定日請求 more than 5 years after the payment start says so beside the 支給開始月."""
    case = d.start_claim(clerk=clerk, resident=resident, first_visit_on=d.years_ago(8))
    d.ready_to_send(case, clerk, clerk2, supervisor)
    slip = document_request(kind="filing", case=case, requested_by=supervisor)
    assert "国民年金法102条" in rendered_text(slip)


def test_ho30no3_the_transmittal_slip_of_a_standard_claim_gives_its_two_dates(
    clerk, clerk2, supervisor, resident
):
    """基準障害 (法30条の3): 機構 reads on the 送付票 which condition is the 基準傷病's partner and when the
    two first reached grade together, and finds the other condition's 診断書 among the papers."""
    graded = timezone.localdate() - dt.timedelta(days=20)
    case = d.start_claim(
        clerk=clerk,
        resident=resident,
        claim_basis="standard",
        other_first_visit_on=d.years_ago(6),
        standard_graded_on=graded,
    )
    d.ready_to_send(case, clerk, clerk2, supervisor)
    text = rendered_text(document_request(kind="filing", case=case, requested_by=supervisor))
    for expected in (
        "基準障害による請求",
        "併合して初めて2級以上に該当した日",
        "他の傷病の診断書",
        "国民年金法30条の3",
    ):
        assert expected in text, expected


def test_claims_have_their_own_section_of_the_bundle_list(
    clerk, clerk2, supervisor, django_capture_on_commit_callbacks
):
    claim = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.ready_to_send(claim, clerk, clerk2, supervisor)
    applicant, spouse = applicant_with_household()
    exemption = h.start_case(clerk=clerk, resident=applicant)
    h.verify(exemption, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(exemption, clerk, spouse=spouse)
    h.cross_check(exemption, clerk2)
    h.approve(exemption, supervisor)
    Case.objects.update(stage_since=timezone.now() - timezone.timedelta(minutes=5))
    bundle = bundle_build(cutoff_at=timezone.now(), by=supervisor)
    listing = Document.objects.get(bundle=bundle, kind="bundle_list", superseded_at__isnull=True)
    labels = [section["label"] for section in listing.context["sections"]]
    assert labels == ["免除・納付猶予申請", "障害基礎年金 請求"]
    text = rendered_text(listing)
    assert "障害基礎年金請求(1件)" in text and "原本別送" in text
    transmittal = Document.objects.get(bundle=bundle, kind="transmittal", superseded_at__isnull=True)
    assert "(原本別送)" in rendered_text(transmittal)
