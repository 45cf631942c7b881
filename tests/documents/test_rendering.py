"""The templates produce real A4 PDFs in the IPAex font, and refuse to produce tofu or fetch anything."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from pypdf import PdfReader

from documents.checks import japanese_font_check
from documents.fonts import FONT_MISSING_MESSAGE, JapaneseFontMissing
from documents.rendering import BASE_URL, _static_fetcher, render_html, render_pdf, static_file_for
from tests.documents.conftest import pdf_text

CITY = {"name": "旭川市", "section": "市民課", "lg_code": "012041", "pension_office": "旭川年金事務所"}
CASE = {
    "number": "2026-000042",
    "received_on": "2026-11-26",
    "office": {"code": "kamui", "name": "神居支所", "phone": "0166-00-0000"},
}
APPLICANT = {
    "name": "旭 太郎",
    "kana": "アサヒ タロウ",
    "birth_date": "1995-06-15",
    "address": "旭川市7条通9丁目48番地",
    "sex": "男",
    "atena_no": "A0000001",
    "phone": "",
}
FILING = {
    "case": CASE,
    "city": CITY,
    "form": {"code": "exemption", "label": "国民年金保険料 免除・納付猶予申請書"},
    "applicant": APPLICANT,
    "basic_pension_no": "4000-000001",
    "fiscal_year": 2026,
    "kinds": [{"code": "full", "label": "全額免除"}, {"code": "half", "label": "半額免除"}],
    "period_start": "2026-07-01",
    "period_end": "2027-06-01",
    "months": 12,
    "student": {"is_student": False},
    "special_ground": {"code": "unemployment", "label": "失業等による特例", "job_loss_date": "2026-03-31"},
    "agent": {"name": ""},
    "statutory": {"ground": "生活保護法による生活扶助の受給", "since": "2026-04-10"},
    "maternity": {"expected_birth_date": "2027-01-20", "multiple_birth": False},
    "household": [{"role": "配偶者", "name": "旭 花子", "kana": "アサヒ ハナコ", "birth_date": "1996-03-03"}],
    "identity_documents": ["マイナンバーカード"],
    "staff": {"received_by": "clerk1", "inputter": "clerk1", "cross_checker": "clerk2", "approver": "super1"},
    "mynumber_required": False,
}
TEMPLATES = {
    "receipt": (
        "documents/pdf/receipt.html",
        {
            "case": CASE,
            "city": CITY,
            "applicant": APPLICANT,
            "form": FILING["form"],
            "kinds": FILING["kinds"],
            "fiscal_year": 2026,
            "next_steps": ["審査の結果は、日本年金機構から郵送で通知されます。"],
        },
        ["受付票", "旭 太郎", "2026-000042", "令和8年11月26日", "神居支所", "0166-00-0000", "全額免除"],
    ),
    "filing_exemption": (
        "documents/pdf/filing_exemption.html",
        FILING,
        [
            "免除・納付猶予申請書",
            "旭 太郎",
            "4000-000001",
            "令和8年度",
            "失業等による特例",
            "旭 花子",
            "12か月",
        ],
    ),
    "filing_statutory": (
        "documents/pdf/filing_statutory.html",
        {**FILING, "form": {"label": "国民年金保険料 法定免除該当届"}},
        ["法定免除該当届", "旭 太郎", "生活保護法による生活扶助の受給", "令和8年4月10日"],
    ),
    "filing_maternity": (
        "documents/pdf/filing_maternity.html",
        {**FILING, "form": {"label": "国民年金保険料 産前産後期間の免除届"}},
        ["産前産後期間の免除届", "旭 太郎", "令和9年1月20日"],
    ),
    "income": (
        "documents/pdf/income.html",
        {
            "case": CASE,
            "city": CITY,
            "applicant": APPLICANT,
            "fiscal_year": 2026,
            "tax_year": 2026,
            "attached_at": "2026-11-26T10:00+09:00",
            "people": [
                {
                    "role": "本人",
                    "name": "旭 太郎",
                    "tax_year": 2026,
                    "missing": False,
                    "items": [
                        {"label": "前年所得額", "type": "yen", "value": 1234567},
                        {"label": "ひとり親控除", "type": "yen", "value": 300000},
                        {"label": "特定親族特別控除", "type": "yen", "value": 0},
                    ],
                },
                {"role": "配偶者", "name": "旭 花子", "tax_year": 2026, "missing": True, "items": []},
            ],
        },
        ["所得情報", "旭 太郎", "1,234,567円", "ひとり親控除", "特定親族特別控除", "未申告", "令和8年度"],
    ),
    "transmittal": (
        "documents/pdf/transmittal.html",
        {
            "bundle": {"number": "S2026-47", "date": "2026-11-27"},
            "city": CITY,
            "lines": [{"label": "国民年金保険料 免除・納付猶予申請書", "count": 3}],
            "total": 3,
        },
        ["送付書", "旭川年金事務所", "旭川市 市民課", "3件", "令和8年11月27日"],
    ),
    "bundle_list": (
        "documents/pdf/bundle_list.html",
        {
            "bundle": {"number": "S2026-47", "date": "2026-11-27"},
            "city": CITY,
            "rows": [
                {
                    "number": "2026-000042",
                    "basic_pension_no": "4000-000001",
                    "name": "旭 太郎",
                    "kana": "アサヒ タロウ",
                    "form": "国民年金保険料 免除・納付猶予申請書",
                    "kinds": ["全額免除"],
                    "received_on": "2026-11-26",
                    "office": "神居支所",
                }
            ],
        },
        ["送付一覧表", "旭 太郎", "4000-000001", "2026-000042", "令和8年11月26日"],
    ),
}


def embedded_fonts(pdf: bytes) -> set[str]:
    """BaseFont names of the fonts whose glyphs are embedded in the file (FontFile*)."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            if any(key.startswith("/FontFile") for key in descriptor):
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_renders_an_a4_pdf_in_ipaex_with_the_japanese_text(name):
    template, context, expected = TEMPLATES[name]
    rendered = render_pdf(template=template, context=context)

    assert rendered.pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert rendered.pages == len(reader.pages) >= 1
    box = reader.pages[0].mediabox
    size_mm = (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72))
    # A4; the 送付一覧表 is landscape so each case fits on one line.
    assert size_mm == ((297, 210) if name == "bundle_list" else (210, 297))
    # Every glyph comes from the embedded IPAex font: no fallback face, so no tofu.
    assert embedded_fonts(rendered.pdf) == {"IPAexGothic"}
    text = pdf_text(rendered.pdf)
    for snippet in expected:
        assert snippet.replace(" ", "") in text, snippet


def test_a_long_bundle_list_flows_over_pages_with_the_header_repeated():
    template, context, _expected = TEMPLATES["bundle_list"]
    rows = [{**context["rows"][0], "number": f"2026-{n:06d}"} for n in range(1, 121)]
    rendered = render_pdf(template=template, context={**context, "rows": rows})

    assert rendered.pages >= 3
    last_page = PdfReader(io.BytesIO(rendered.pdf)).pages[-1].extract_text()
    assert "整理番号" in last_page and f"{rendered.pages} / {rendered.pages}" in last_page


def test_a_missing_japanese_font_is_a_hard_error_not_tofu(settings):
    settings.NENKIN_PDF_FONT_FAMILY = "NoSuchJapaneseFont"
    template, context, _expected = TEMPLATES["receipt"]

    with pytest.raises(JapaneseFontMissing) as excinfo:
        render_pdf(template=template, context=context)
    assert "日本語フォント (IPAex) が見つかりません" in str(excinfo.value)

    [error] = japanese_font_check()
    assert error.id == "documents.E001" and error.msg == FONT_MISSING_MESSAGE
    with pytest.raises(SystemCheckError, match=r"documents\.E001"):
        call_command("check")


def test_the_installed_font_passes_the_system_check():
    assert japanese_font_check() == []


def test_only_our_own_static_files_can_be_fetched():
    assert static_file_for(BASE_URL + "static/documents/print.css").name == "print.css"
    for url in (
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/static/documents/print.css",
        "file:///etc/passwd",
        BASE_URL + "static/../../../etc/passwd",
        BASE_URL + "media/documents/1.pdf.sealed",
        "data:text/css,body{}",
    ):
        assert static_file_for(url) is None, url


def test_the_fetcher_refuses_and_records_anything_but_our_static_files():
    fetcher = _static_fetcher()
    css = fetcher.fetch(BASE_URL + "static/documents/print.css")
    assert b"size: A4" in css.read() and css.content_type == "text/css"
    for url in ("https://example.com/x.png", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert fetcher.refused == ["https://example.com/x.png", "file:///etc/passwd"]


def test_the_preview_html_is_the_same_template_and_escapes_entered_text():
    template, context, _expected = TEMPLATES["receipt"]
    hostile = {**context, "applicant": {"name": '<img src="https://example.com/x">旭'}}
    html = render_html(template=template, context=hostile)

    assert "受付票" in html and "/static/documents/print.css" in html
    assert "<img" not in html and "&lt;img" in html
