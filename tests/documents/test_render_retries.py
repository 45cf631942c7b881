"""A PDF that cannot be stored (exploratory report: `documents` under the media folder was a file) showed
「作成待ち」 for ten minutes with nothing in the worker log above INFO. Each failed attempt is now a
WARNING an operator can alert on (the error's type and the document's id, never the error's text, which
may carry a path or a row's values), the last one an ERROR, and the case page says that creation is failing
and being retried. The sweep for lost render jobs leaves a document its own retries are working on alone."""

import datetime as dt
import logging
from unittest import mock

import pytest
from django.utils import timezone

from documents import services
from documents.models import Document
from documents.services import document_request
from tasks.documents import MAX_RETRIES, render_document

pytestmark = pytest.mark.django_db
Kind, Status = Document.Kind, Document.Status
RETRYING = "作成に失敗しています。自動で再試行中です"


class RetryScheduled(Exception):
    pass


@pytest.fixture
def unwritable_media(media_root):
    """The media folder's `documents` is a file: storing any PDF fails with NotADirectoryError."""
    media_root.mkdir(parents=True, exist_ok=True)
    (media_root / "documents").write_bytes(b"")
    return media_root


@pytest.fixture
def receipt(intake_case, django_capture_on_commit_callbacks) -> Document:
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not run it yet
        return document_request(kind=Kind.RECEIPT, case=intake_case)


def attempt(document: Document, *, retries: int) -> str:
    """One run of the render task in a worker (not eager), as its `retries`-th retry."""
    render_document.push_request(retries=retries, is_eager=False)
    try:
        with mock.patch.object(render_document, "retry", side_effect=RetryScheduled) as retry:
            try:
                return render_document(document.pk)
            except RetryScheduled:
                return f"retry in {retry.call_args.kwargs['countdown']}"
    finally:
        render_document.pop_request()


def logged(caplog, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "documents.services" and r.levelno == level]


def test_each_failed_attempt_is_a_warning_and_the_case_page_says_it_is_retried(
    client, clerk, intake_case, receipt, unwritable_media, caplog
):
    caplog.set_level(logging.INFO)
    assert attempt(receipt, retries=0) == "retry in 10"
    assert attempt(receipt, retries=1) == "retry in 20"

    warnings = logged(caplog, logging.WARNING)
    assert len(warnings) == 2 and logged(caplog, logging.ERROR) == []
    for line in warnings:
        assert f"document {receipt.pk}" in line and "NotADirectoryError" in line
        # Only the type: the error's text names the path (and, for other errors, could name a row's values).
        assert str(unwritable_media) not in line and "Errno" not in line
        assert intake_case.resident.kanji_name not in line
    receipt.refresh_from_db()
    assert receipt.status == Status.REQUESTED and receipt.render_attempts == 2
    assert receipt.error == "NotADirectoryError"

    client.force_login(clerk)
    page = client.get(f"/cases/{intake_case.pk}/").content.decode()
    assert f"{RETRYING} (2回目)" in page and "NotADirectoryError" in page


def test_the_last_failed_attempt_is_an_error_and_the_document_fails(
    client, clerk, intake_case, receipt, unwritable_media, caplog
):
    caplog.set_level(logging.INFO)
    assert attempt(receipt, retries=MAX_RETRIES) == "failed"
    errors = logged(caplog, logging.ERROR)
    assert len(errors) == 1 and f"document {receipt.pk}" in errors[0] and "NotADirectoryError" in errors[0]
    assert str(unwritable_media) not in errors[0]
    receipt.refresh_from_db()
    assert receipt.status == Status.FAILED and "NotADirectoryError" in receipt.error
    client.force_login(clerk)
    page = client.get(f"/cases/{intake_case.pk}/").content.decode()
    assert RETRYING not in page and "作成失敗" in page


def test_the_sweep_leaves_a_document_being_retried_alone_and_never_restarts_its_count(
    receipt, unwritable_media
):
    long_ago = timezone.now() - dt.timedelta(hours=1)
    Document.objects.filter(pk=receipt.pk).update(requested_at=long_ago)
    assert attempt(receipt, retries=0) == "retry in 10"
    # Its own retry is on its way: the sweep does not queue a second chain beside it.
    assert services.documents_render_pending() == []

    # That retry was lost (Redis emptied after a restore): the sweep queues it again, and the attempts
    # go on from the row's count rather than from the new job's zero.
    Document.objects.filter(pk=receipt.pk).update(render_attempts=MAX_RETRIES, render_failed_at=long_ago)
    assert services.documents_render_pending() == [receipt.pk]
    assert attempt(receipt, retries=0) == "failed"
    receipt.refresh_from_db()
    assert receipt.status == Status.FAILED and receipt.render_attempts == MAX_RETRIES + 1


def test_a_document_requested_again_after_failing_starts_its_attempts_afresh(
    intake_case, receipt, unwritable_media, django_capture_on_commit_callbacks
):
    assert attempt(receipt, retries=MAX_RETRIES) == "failed"
    (unwritable_media / "documents").unlink()
    with django_capture_on_commit_callbacks(execute=True):
        again = document_request(kind=Kind.RECEIPT, case=intake_case)
    again.refresh_from_db()
    assert again.pk == receipt.pk and again.status == Status.DONE
    assert again.render_attempts == 0 and again.error == ""


def test_a_render_that_fails_in_process_is_logged_too(receipt, caplog):
    """Eager (no worker): no retry inside the user's request; the failure is a WARNING, then an ERROR."""
    caplog.set_level(logging.INFO)
    with mock.patch.object(services, "render_pdf", side_effect=OSError("disk full")):
        assert render_document.delay(receipt.pk).get() == "failed"
    assert len(logged(caplog, logging.WARNING)) == 1 and len(logged(caplog, logging.ERROR)) == 1
