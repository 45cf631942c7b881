"""Rendering generated documents in the background. Ids only: a snapshot never travels through Redis."""

from celery import shared_task

MAX_RETRIES = 5


def retry_countdown(retries: int) -> int:
    return min(600, 10 * 2**retries)


@shared_task(name="documents.render", bind=True, max_retries=MAX_RETRIES)
def render_document(self, document_id: int) -> str:
    from documents.fonts import JapaneseFontMissing
    from documents.mynumber import MyNumberUnavailable
    from documents.services import document_attempt_failed, document_failed, document_render

    try:
        document = document_render(document_id=document_id)
    except (JapaneseFontMissing, MyNumberUnavailable) as exc:
        # Retrying cannot help: an operator must install the font or regenerate the document.
        document_failed(document_id=document_id, error=str(exc))
        return "failed"
    except Exception as exc:
        # A WARNING per attempt (the operator's alert), counted on the row: a job the sweep queued again
        # goes on from there. In-process (eager) mode a retry would only repeat the failure inside the
        # user's request.
        attempts = document_attempt_failed(document_id=document_id, error=exc, tried=self.request.retries + 1)
        if self.request.is_eager or attempts > MAX_RETRIES:
            document_failed(document_id=document_id, error=exc)
            return "failed"
        raise self.retry(exc=exc, countdown=retry_countdown(attempts - 1)) from exc
    return document.status if document else "gone"


@shared_task(name="documents.case_documents", autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def case_documents(case_id: int) -> int:
    """Snapshots an approved case's 届書 and 所得情報; each is then rendered by its own task."""
    from documents.services import case_documents_request

    return len(case_documents_request(case_id=case_id))


@shared_task(name="documents.render_pending")
def render_pending() -> int:
    """Sweep for documents whose render task never ran; schedule it every ten minutes."""
    from documents.services import documents_render_pending

    pending = documents_render_pending()
    for document_id in pending:
        render_document.delay(document_id)
    return len(pending)
