import datetime as dt
import hashlib
import io

import factory
from django.utils import timezone
from pypdf import PdfWriter

from cases.common.identifiers.kana import normalize_kana, normalize_kanji
from cases.registry.models.income import IncomeRecord
from cases.registry.models.pension import PensionRecord, Qualification
from cases.registry.models.residents import Resident
from cases.submission.transfer_columns import CHOOSABLE
from documents.models import Document
from documents.storage import file_name_for, write_sealed

# The 依頼元 and 情報処理依頼書 a 住基への移転 request names (cases.submission.transfer.transfer_request).
# Every column the request may choose (cases.submission.transfer_columns), so a file keeps the whole format.
TRANSFER_DOCUMENT = {
    "department": "市民課",
    "request_doc_no": "市民第1号",
    "request_doc_date": dt.date(2026, 1, 5),
    "columns": list(CHOOSABLE),
}
TRANSFER_DOCUMENT_FORM = {
    "department": "市民課",
    "request_doc_no": "市民第1号",
    "request_doc_date": "2026-01-05",
    "columns": list(CHOOSABLE),
}


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    atena_no = factory.Sequence(lambda n: f"A{n:07d}")
    kana_name = "アサヒ タロウ"
    kanji_name = "旭 太郎"
    kana_search = factory.LazyAttribute(lambda o: normalize_kana(o.kana_name))
    kanji_search = factory.LazyAttribute(lambda o: normalize_kanji(o.kanji_name))
    birth_date = dt.date(1995, 6, 15)
    sex = "1"
    household_no = factory.Sequence(lambda n: f"H{n:07d}")
    is_householder = True
    relationship = "世帯主"
    address = "旭川市7条通9丁目48番地"


class PensionRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PensionRecord

    resident = factory.SubFactory(ResidentFactory)
    basic_pension_no = factory.Sequence(lambda n: f"{4000000000 + n}")


class IncomeRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IncomeRecord

    personal_code = "A0000000"
    tax_year = 2026
    total_income = 500000
    social_insurance_deduction = 80000


def category1_since_2015(pension: PensionRecord) -> Qualification:
    """A 第1号被保険者 (法7条1項1号) on record from 2015-06-14 onwards: an ordinary applicant's 資格情報."""
    return Qualification.objects.create(
        pension=pension, insured_kind="1", acquired_on=dt.date(2015, 6, 14), acquired_reason="01"
    )


def kind_changed_on(pension: PensionRecord, changed: dt.date, *, before: str, after: str) -> None:
    """資格情報 with a 種別変更 on `changed` (法11条の2: from that month the new kind): `before` (第1号 "1" from
    2015-06-14, 第2号 "2" from 1998-04-01) until that day, `after` from it."""
    since, acquired_reason = (dt.date(2015, 6, 14), "01") if before == "1" else (dt.date(1998, 4, 1), "99")
    Qualification.objects.create(
        pension=pension,
        insured_kind=before,
        acquired_on=since,
        acquired_reason=acquired_reason,
        lost_on=changed,
        lost_reason="04",
    )
    Qualification.objects.create(
        pension=pension,
        insured_kind=after,
        acquired_on=changed,
        acquired_reason="01" if after == "1" else "99",
    )


def applicant_with_household(
    *, income: int = 500000, spouse_income: int | None = 300000, tax_year: int = 2026
):
    """A householder applicant with a wife in the same household and income for `tax_year`."""
    pension = PensionRecordFactory()
    applicant = pension.resident
    IncomeRecordFactory(personal_code=applicant.atena_no, tax_year=tax_year, total_income=income)
    spouse = None
    if spouse_income is not None:
        spouse = ResidentFactory(
            household_no=applicant.household_no,
            is_householder=False,
            relationship="妻",
            kana_name="アサヒ ハナコ",
            kanji_name="旭 花子",
            sex="2",
            birth_date=dt.date(1996, 3, 3),
        )
        IncomeRecordFactory(personal_code=spouse.atena_no, tax_year=tax_year, total_income=spouse_income)
    return applicant, spouse


def stub_document(case, kind: str, *, includes_mynumber: bool = False) -> Document:
    """A DONE document whose sealed file is a tiny stand-in PDF (a blank page, no WeasyPrint), distinct
    per case and kind so hashes differ. A real PDF: the operator's download reads its text."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"{case.number} {kind}"})
    buffer = io.BytesIO()
    writer.write(buffer)
    pdf = buffer.getvalue()
    digest = hashlib.sha256(pdf).hexdigest()
    # A case started at the counter already has its 受付票 requested: the stand-in replaces it.
    Document.objects.filter(case=case, kind=kind, superseded_at__isnull=True).update(
        superseded_at=timezone.now()
    )
    document = Document.objects.create(
        kind=kind,
        case=case,
        template="stub",
        context={},
        context_sha256=digest,
        includes_mynumber=includes_mynumber,
        status=Document.Status.DONE,
        sha256=digest,
        rendered_at=timezone.now(),
    )
    document.file = file_name_for(document_id=document.pk, sha256=digest)
    write_sealed(name=document.file, plain=pdf, document_id=document.pk)
    document.save(update_fields=["file"])
    return document
