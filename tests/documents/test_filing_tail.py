"""Every 届書's last section, 受付・処理, with the four stamp boxes (受付・入力・照合・決裁) beside its table:
the boxes were drawn over the table (its 備考 covered) and the block went alone onto a second sheet
(browser test of the clerk's day). Measured on WeasyPrint's laid-out boxes, so no pixels are compared."""

import pytest

from documents.rendering import laid_out, render_html, render_pdf
from tests.documents.test_rendering import APPLICANT, FILING

REMARKS = (
    "本人来庁。離職票の写しを確認済み。配偶者の所得は市の課税台帳で確認した。"
    "書類の不備について電話で連絡し、後日追加で提出される予定。\n二行目の備考: 継続審査の申出を口頭で確認。"
)
QUALIFICATION = {
    **FILING,
    "form": {"label": "国民年金被保険者 種別変更届"},
    "household": [],
    "filing": {
        "kind": "種別変更 (第2号→第1号)",
        "event": "退職",
        "event_date": "2026-10-31",
        "filed_on": "2026-11-10",
        "effective_on": "2026-11-01",
        "kind_before": "第2号被保険者",
        "kind_after": "第1号被保険者",
        "effective_basis": "法附則… 退職日の翌日",
        "payment_method": "口座振替",
        "deadline_on": "2026-11-14",
        "deadline_status": "期限内",
    },
}
DISABILITY = {
    **FILING,
    "household": [],
    "form": {"label": "年金請求書 (国民年金障害基礎年金)"},
    "claimant": {**APPLICANT, "basic_pension_no": "4000-000001"},
    "claim": {
        "conditions": "うつ病",
        "first_visit_on": "2020-04-01",
        "status": "第1号被保険者",
        "route": "法30条",
        "certificate_forms": ["精神の障害用"],
        "basis": "障害認定日請求",
        "recognition_on": "2021-10-01",
        "kind": "認定日請求",
    },
    "enclosures": [{"label": "診断書", "state": "受領", "note": ""}],
}
FILINGS = {
    "exemption": ("documents/pdf/filing_exemption.html", FILING),
    "statutory": ("documents/pdf/filing_statutory.html", {**FILING, "form": {"label": "法定免除該当届"}}),
    "maternity": (
        "documents/pdf/filing_maternity.html",
        {**FILING, "form": {"label": "産前産後期間の免除届"}},
    ),
    "qualification": ("documents/pdf/filing_qualification.html", QUALIFICATION),
    "disability": ("documents/pdf/filing_disability.html", DISABILITY),
}


def _classes(box) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) is None:
        return set()
    return set((element.get("class") or "").split())


def _rectangle(box) -> tuple[float, float, float, float]:
    x, y = box.border_box_x(), box.border_box_y()
    return x, y, x + box.border_width(), y + box.border_height()


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def tail_boxes(template: str, context: dict):
    """(page number, rectangle) of the 受付・処理 tables and of each stamp box, as WeasyPrint laid them out."""
    document = laid_out(render_html(template=template, context={**context, "for_pdf": True}))
    tables, stamps = [], []
    for number, page in enumerate(document.pages, start=1):
        inside_tail = set()
        for box in page._page_box.descendants():
            classes = _classes(box)
            if "tail" in classes:
                inside_tail.update(id(child) for child in box.descendants())
            if id(box) not in inside_tail:
                continue
            if type(box).__name__ == "TableBox" and "form" in classes:
                tables.append((number, _rectangle(box)))
            elif "stamp" in classes and type(box).__name__ not in ("LineBox", "TextBox"):
                stamps.append((number, _rectangle(box)))
    return tables, stamps, len(document.pages)


@pytest.mark.parametrize("name", sorted(FILINGS))
def test_the_stamp_boxes_stand_clear_of_the_table_with_a_long_remark(name):
    template, context = FILINGS[name]
    tables, stamps, _pages = tail_boxes(template, {**context, "remarks": REMARKS})
    assert tables and len(stamps) == 4
    assert {page for page, _ in tables + stamps} == {tables[0][0]}, "the whole section on one sheet"
    for _page, stamp in stamps:
        for _page, table in tables:
            assert not _overlap(stamp, table), f"a stamp box over the table: {stamp} / {table}"


def test_the_stamp_boxes_stand_clear_of_the_table_without_a_remark():
    template, context = FILINGS["exemption"]
    tables, stamps, _pages = tail_boxes(template, {**context, "remarks": ""})
    assert tables and len(stamps) == 4
    assert not any(_overlap(stamp, table) for _p, stamp in stamps for _q, table in tables)


def test_a_type_change_filing_with_a_long_remark_is_one_sheet():
    """The stamp boxes cost the filing no height: with them beside the table the section is as tall as
    its table alone, and this 種別変更届 (which fills the sheet to within a few lines) stays on one."""
    template, context = FILINGS["qualification"]
    rendered = render_pdf(template=template, context={**context, "remarks": REMARKS})
    assert rendered.pages == 1
