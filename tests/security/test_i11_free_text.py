"""M1 (issue 11): a 個人番号 typed into free text is refused by every form, never reaches the 委託先
operator on a document, and is redacted from logs whatever separates its digits (番号法 19条: the
number is provided only where the law allows; the operator's contract is 帳票出力 only)."""

import hashlib
import logging

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from weasyprint import HTML

from cases.common.freetext import contains_mynumber_like, validate_no_mynumber
from cases.exemption.models import ExemptionApplication
from cases.security.forms.inquiry import InquiryForm
from cases.security.logging import redact
from cases.security.models.audit import AuditAction, AuditEntry
from cases.submission.forms.bundles import RemoveCaseForm
from cases.submission.forms.results import DiscrepancyResolveForm
from cases.submission.forms.transfers import TransferRequestForm
from documents.models import Document
from documents.services import document_render, document_request
from documents.storage import file_name_for, write_sealed
from tests.factories import applicant_with_household
from tests.workflows import helpers as h
from workflows.forms import exemption as exemption_forms
from workflows.forms import requests as request_forms
from workflows.forms import stages as stage_forms
from workflows.forms.search import MyNumberSearchForm

pytestmark = pytest.mark.django_db

NUMBER_SPELLINGS = [
    "本人確認: 個人番号 5555 6666 7777",
    "555566667777",
    "５５５５　６６６６　７７７７",  # full-width digits, ideographic spaces
    "5555-6666-7777",
    "５５５５－６６６６－７７７７",
    "5555.6666.7777",
    "5555・6666・7777",
    "番号は 5555  6666  7777 です",
    "5555 6666 7777 3件",
    "ID x555566667777",  # glued to a letter, but a 12-digit group by itself
    f"先頭ハッシュ {'ab' + '123456789012' + 'cd' * 25} 番号 5555 6666 7777",  # a number beside a digest
]
HARMLESS = [
    "整理番号 2026-000006、基礎年金番号 1234-567890 の件",
    "電話 0166-25-6306 に折り返し",
    "法人番号 1234567890123",  # 13 digits: not a 個人番号
    "令和8年4月1日に来庁",
    "送付 S20260102-1500 から除外",  # 送付番号: the desk's own identifier
    # A SHA-256 in hex with a run of exactly 12 digits (about one in thirty): the audit report's
    # chain head refused the auditor's own PDF by chance.
    f"先頭ハッシュ {'ab' + '123456789012' + 'cd' * 25}",
    "",
]

# Every free-text field of the screens: (form class, field name).
FREE_TEXT_FIELDS = [
    (exemption_forms.ExemptionRequestForm, "remarks"),
    (exemption_forms.ExemptionRequestForm, "agent_name"),
    (stage_forms.IdentityForm, "note"),
    (stage_forms.DocumentsOutcomeForm, "comment"),
    (stage_forms.CrossCheckForm, "reason"),
    (stage_forms.ApprovalForm, "reason"),
    (stage_forms.ReassignForm, "reason"),
    (stage_forms.ChecklistForm, "note"),
    (request_forms.RequestIntakeForm, "identity_note"),
    (request_forms.RequestIntakeForm, "content"),
    (request_forms.RequestApprovalForm, "reason"),
    (request_forms.AnswerForm, "outcome"),
    (request_forms.MyNumberApprovalForm, "reason"),
    (MyNumberSearchForm, "note"),
    (DiscrepancyResolveForm, "note"),
    (RemoveCaseForm, "reason"),
    (TransferRequestForm, "reason"),
    (InquiryForm, "subject"),
    (InquiryForm, "detail"),
    (InquiryForm, "outcome"),
    (InquiryForm, "requester"),
]


@pytest.mark.parametrize("text", NUMBER_SPELLINGS)
def test_a_12_digit_number_is_found_in_any_spacing(text):
    with pytest.raises(ValidationError) as excinfo:
        validate_no_mynumber(text)
    assert "個人番号" in excinfo.value.messages[0]


@pytest.mark.parametrize("text", HARMLESS)
def test_other_numbers_are_left_alone(text):
    validate_no_mynumber(text)


@pytest.mark.parametrize(("form_class", "name"), FREE_TEXT_FIELDS, ids=lambda v: getattr(v, "__name__", v))
def test_every_free_text_field_refuses_a_number_and_has_a_length_limit(form_class, name):
    field: forms.Field = form_class.base_fields[name]
    assert field.max_length, f"{form_class.__name__}.{name} has no length limit"
    with pytest.raises(ValidationError):
        field.clean("本人確認: 個人番号 5555 6666 7777")
    with pytest.raises(ValidationError):
        field.clean("あ" * (field.max_length + 1))


def test_the_respond_form_free_text_refuses_a_number():
    form = request_forms.RespondForm(
        {"decision": "grant", "note": "５５５５－６６６６－７７７７", "refusal_reason": ""},
        case_type="disclosure",
    )
    assert not form.is_valid() and "個人番号" in str(form.errors["note"])


@pytest.fixture
def approved_case(clerk, clerk2, supervisor, django_capture_on_commit_callbacks):
    applicant, spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    with django_capture_on_commit_callbacks(execute=True):
        h.enter(case, clerk, spouse=spouse)
    h.cross_check(case, clerk2)
    h.approve(case, supervisor)
    return case


def test_a_number_in_remarks_never_reaches_the_operator(client, operator, approved_case):
    """The attack: 本人確認: 個人番号 5555 6666 7777 in 備考 was printed on the 届書 and the 委託先
    operator downloaded it, because the guard trusted the includes_mynumber flag. Data typed before the
    forms refused it (written here through the ORM) is still caught by the snapshot guard."""
    ExemptionApplication.objects.filter(case=approved_case).update(
        remarks="本人確認: 個人番号 5555 6666 7777"
    )
    approved_case.refresh_from_db()
    filing = document_render(document_id=document_request(kind=Document.Kind.FILING, case=approved_case).pk)
    assert filing.status == Document.Status.DONE
    assert filing.includes_mynumber, "the snapshot guard must treat the document as carrying a number"
    client.force_login(operator)
    assert client.get(f"/documents/{filing.pk}/").status_code == 403
    assert f'href="/documents/{filing.pk}/"' not in client.get("/reports/").content.decode()


def _document_with_pdf(case, pdf: bytes) -> Document:
    digest = hashlib.sha256(pdf).hexdigest()
    # It stands in for the 受付票 the case was started with.
    Document.objects.filter(case=case, kind=Document.Kind.RECEIPT).update(superseded_at=timezone.now())
    document = Document.objects.create(
        kind=Document.Kind.RECEIPT,
        case=case,
        template="documents/pdf/receipt.html",
        context={},
        context_sha256=digest,
        status=Document.Status.DONE,
        sha256=digest,
    )
    document.file = file_name_for(document_id=document.pk, sha256=digest)
    write_sealed(name=document.file, plain=pdf, document_id=document.pk)
    document.save(update_fields=["file"])
    return document


def test_the_operator_download_scans_the_pdf_text_and_refuses_a_12_digit_run(client, operator, clerk):
    """Whatever the flags say: the PDF's own text is checked before the operator gets it."""
    applicant, _ = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    pdf = HTML(string="<p>受付票</p><p>備考: 5555 6666 7777</p>").write_pdf()
    document = _document_with_pdf(case, pdf)
    client.force_login(operator)
    assert client.get(f"/documents/{document.pk}/").status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, detail__reason="mynumber_in_pdf").exists()


def test_the_operators_ordinary_documents_pass_the_pdf_scan(client, operator, approved_case):
    """No false alarm on the real forms: the receipt and the 届書 of a normal case still download."""
    client.force_login(operator)
    for kind in (Document.Kind.RECEIPT, Document.Kind.FILING):
        document = document_render(document_id=document_request(kind=kind, case=approved_case).pk)
        assert not document.includes_mynumber
        response = client.get(f"/documents/{document.pk}/")
        assert response.status_code == 200, kind
        assert response.content.startswith(b"%PDF")


def test_the_snapshot_guard_reads_text_not_hashes():
    """A SHA-256 in a snapshot (the disclosure report lists documents with theirs) may hold a run of 12
    digits by chance; it is not text anyone typed."""
    from documents.snapshots import _text_holds_mynumber

    digest = "a123456789012b" + "c" * 50
    assert not _text_holds_mynumber({"documents": [{"sha256": digest, "kind": "届書"}]})
    assert _text_holds_mynumber({"documents": [{"remarks": "番号 5555 6666 7777"}]})


@pytest.mark.parametrize("text", NUMBER_SPELLINGS)
def test_log_redaction_catches_every_separator(text):
    assert not contains_mynumber_like(redact(text))


def test_the_log_filter_redacts_an_ideographic_spaced_number(caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("tests.i11").info("番号 ５５５５　６６６６　７７７７ を受付")
    handler_filter = __import__("cases.security.logging", fromlist=["RedactPersonalNumbers"])
    record = caplog.records[-1]
    handler_filter.RedactPersonalNumbers().filter(record)
    assert "７７７７" not in record.getMessage()


# Structured inputs, not free text: identifiers, search keys, log-in fields and codes. Each has its
# own format check or is only looked up, never stored as typed or printed.
STRUCTURED = {
    "kana",
    "kanji",
    "atena_no",
    "pension_no",
    "number",
    "username",
    "code",
    "case_number",
    "tasks",
}


def _form_modules():
    import importlib
    import pkgutil

    import cases.registry.forms
    import cases.security.forms
    import cases.submission.forms
    import workflows.forms

    for package in (workflows.forms, cases.registry.forms, cases.security.forms, cases.submission.forms):
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"{package.__name__}.{info.name}")
    yield importlib.import_module("cases.exemption.forms")
    yield importlib.import_module("workflows.views.withdraw")


def test_no_screen_takes_free_text_without_the_number_guard():
    """The exploratory audit of 2026-12-05 typed 「番号 1234 5678 9012 です」 into the 障害基礎年金
    claim's 備考 and saw it in clear on four screens: the claim's and the 資格届出's text inputs were
    plain CharFields. Every text input of every form is a FreeTextField unless it is a structured key."""
    plain = []
    for module in _form_modules():
        for form_class in vars(module).values():
            if not (isinstance(form_class, type) and issubclass(form_class, forms.BaseForm)):
                continue
            for name, field in form_class.base_fields.items():
                if type(field) is not forms.CharField or name in STRUCTURED:
                    continue
                if isinstance(field.widget, forms.HiddenInput | forms.PasswordInput):
                    continue
                plain.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert sorted(set(plain)) == []


def test_a_number_typed_into_the_address_bar_never_reaches_the_access_log(client, clerk):
    """The exploratory audit of 2026-12-05: GET /residents/440043055496/ was refused (404) and the
    refusal kept the path with the number in the append-only log, where the auditor's screen and CSV
    showed it and the retention purge can never remove it."""
    from django.core.cache import cache

    cache.clear()  # refusals are logged once per user and URL for a while; ids repeat between runs
    client.force_login(clerk)
    for path in ("/residents/440043055496/", "/cases/440043055496/", "/documents/440043055496/"):
        assert client.get(path).status_code == 404
    targets = list(
        AuditEntry.objects.filter(actor_id=clerk.pk, action=AuditAction.DENIED).values_list(
            "target", flat=True
        )
    )
    assert len(targets) == 3 and all("[個人番号?]" in target for target in targets)
    assert not any(contains_mynumber_like(target) for target in targets)


def test_the_development_servers_request_lines_are_redacted_after_logging_is_configured_again():
    """The development server configures logging a second time when it loads the WSGI application
    (after the apps' ready()), making its request-line handler anew: the number in
    「"GET /residents/440043055496/ HTTP/1.1" 404」 was printed in clear."""
    import io

    from django.conf import settings

    from cases.security.logging import logging_configure

    logging_configure(settings.LOGGING)
    try:
        server = logging.getLogger("django.server")
        handlers = server.handlers or logging.getLogger().handlers
        assert handlers
        stream = io.StringIO()
        for handler in handlers:
            handler.setStream(stream)
        server.warning('"%s" %s %s', "GET /residents/440043055496/ HTTP/1.1", "404", "2536")
        assert "440043055496" not in stream.getvalue() and "[個人番号?]" in stream.getvalue()
    finally:
        logging_configure(settings.LOGGING)  # handlers on the standard streams again


def test_a_refusal_is_one_line_in_the_server_log_not_a_traceback(client, clerk, caplog):
    """Every 403 wrote a full traceback to the server log, which IT staff read as errors (exploratory
    test, 2026-12-05); the access log records the refusal itself."""
    client.force_login(clerk)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/imports/").status_code == 403
    refused = [
        r for r in caplog.records if r.name == "django.request" and getattr(r, "status_code", 0) == 403
    ]
    assert refused and all(r.exc_info is None for r in refused)


def test_half_width_katakana_is_widened_and_other_characters_kept():
    """Typed ｵｶﾓﾄ ｱﾔ printed half-width on 機構's forms (ﾉ reads as /); names' own characters stay (﨑, 髙)."""
    from cases.common.freetext import FreeTextField

    field = FreeTextField(max_length=100)
    assert field.clean("ｵｶﾓﾄ ｱﾔ") == "オカモト アヤ"
    assert field.clean("ﾊﾟﾊﾟ 髙橋ﾉ﨑") == "パパ 髙橋ノ﨑"


def test_a_twelve_digit_licence_number_is_refused_with_why():
    from django.core.exceptions import ValidationError

    from cases.common.freetext import FreeTextField

    with pytest.raises(ValidationError) as refused:
        FreeTextField(max_length=100).clean("運転免許証 第123456789012号")
    assert "運転免許証番号" in refused.value.messages[0]
