"""The pending uploads holding the same case, listed on the upload's page and in the message after
uploading, are joined with the screen's list separator (cases/common/date_display.series_separator).

Exploratory test 2026-12-07 (browser walk): on English screens the uploads were joined with 「、」
(「Upload #2、Upload #3」)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.results.conftest import csv_bytes, line

pytestmark = pytest.mark.django_db


def upload(client, data: bytes, name: str):
    return client.post(
        "/results/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")}, follow=True
    )


@pytest.fixture
def three_overlapping(client, send, supervisor):
    """Three pending uploads of the same sent case (each file a little different), the last one's page
    as an English reader sees it right after uploading it."""
    case = send()
    client.force_login(supervisor)
    client.cookies["django_language"] = "en"
    for number, reason in enumerate(["a", "b", "c"]):
        page = upload(client, csv_bytes(line(case, reason=reason)), f"kekka{number}.csv")
    return page.content.decode()


def test_the_upload_page_joins_the_overlapping_uploads_with_the_english_separator(three_overlapping):
    assert "、" not in three_overlapping, three_overlapping[three_overlapping.find("、") - 300 :][:600]
    assert three_overlapping.count("Upload #") >= 4  # the two others, in the message and on the page


def test_the_japanese_page_keeps_the_japanese_separator(client, send, supervisor):
    case = send()
    client.force_login(supervisor)
    for number, reason in enumerate(["a", "b", "c"]):
        page = upload(client, csv_bytes(line(case, reason=reason)), f"kekka{number}.csv")
    text = page.content.decode()
    assert re.search(r"アップロード #\d+</a>、<a", text)  # on the page
    assert re.search(r"アップロード #\d+、アップロード #\d+", text)  # in the message
