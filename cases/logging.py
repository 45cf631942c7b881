import logging
import re

# Any run of 12 digits (with optional separators) could be a 個人番号; logs never need one.
_TWELVE_DIGITS = re.compile(r"(?<!\d)(?:\d[ \-]?){11}\d(?!\d)")


def redact(text: str) -> str:
    return _TWELVE_DIGITS.sub("[個人番号?]", text)


class RedactPersonalNumbers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
