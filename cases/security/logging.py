import logging
import logging.config

from cases.common.freetext import redact_mynumber_like


def redact(text: str) -> str:
    """Any 12-digit number could be a 個人番号; logs never need one. The same rule as the forms'
    (cases.common.freetext): spaces, ideographic spaces, hyphens, dots, full-width digits."""
    return redact_mynumber_like(text)


class RedactPersonalNumbers(logging.Filter):
    """On a handler: the message, the traceback (an exception's text can quote an input) and the stack
    are redacted before any formatter writes them."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class QuietRefusals(logging.Filter):
    """On django.request: a refusal (403) or a page not found (404) is a line, not a traceback — IT
    staff read the server log's tracebacks as errors (the access log records each refusal anyway)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info, record.exc_text = None, None
        return True


def _handlers():
    yield from logging.getLogger().handlers
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger):
            yield from logger.handlers


def redact_every_handler() -> int:
    """Puts the filter on every handler that exists now (Django's, gunicorn's, Celery's worker and
    task loggers'), whoever configured it. Returns how many handlers got it."""
    added = 0
    for handler in _handlers():
        if not any(isinstance(f, RedactPersonalNumbers) for f in handler.filters):
            handler.addFilter(RedactPersonalNumbers())
            added += 1
    return added


def logging_configure(config: dict) -> None:
    """settings.LOGGING_CONFIG: Django configures logging again at every django.setup() — the
    development server does it a second time when it loads the WSGI application, after the apps'
    ready() — and each time makes new handlers from its defaults (the development server's request
    lines among them). The filter goes on all of them every time, not only on those the settings name."""
    logging.config.dictConfig(config)
    redact_every_handler()
