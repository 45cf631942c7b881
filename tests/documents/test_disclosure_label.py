"""The walk of the ninth session: the case page listed the disclosure report as 「開示請求 報告書」 where every
other screen, message and the manual call it 「開示報告書」 (the PDF's own title: 保有個人情報開示報告書)."""

from documents.models import Document


def test_the_disclosure_report_has_one_name():
    assert Document.Kind.DISCLOSURE.label == "開示報告書"
