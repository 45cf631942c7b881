"""How an import says what is wrong: one RowError per problem, all of them in ImportRejected."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext, override

from cases.security.logging import redact


class Message(str):
    """A message as worded when it was found, which keeps its source text and values, so that the
    stored errors of an import can be worded again for whoever reads them later, in their language
    (the import runs in a worker, in Japanese; an English-reading 係長 opens the result)."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, params: dict[str, Any]):
        text = gettext(msgid) % params if params else gettext(msgid)
        obj = super().__new__(cls, text)
        obj.msgid, obj.params = msgid, {key: _stored(value) for key, value in params.items()}
        return obj


def message(msgid: str, **params: Any) -> Message:
    """``gettext(msgid) % params`` that can be worded again (message_worded). Mark ``msgid`` with
    gettext_noop at the call, so that makemessages finds it."""
    return Message(msgid, params)


def _stored(value: Any) -> Any:
    if isinstance(value, Message):
        return {"message_id": value.msgid, "params": value.params}
    if isinstance(value, Promise):  # a lazily translated label: its source text, worded when read
        with override(settings.LANGUAGE_CODE):
            return {"message_id": str(value), "params": {}}
    return value if isinstance(value, int | float) else str(value)


def message_worded(stored: dict[str, Any]) -> str:
    """A stored error's message (RowError.as_dict) in the active language; as stored when it was kept
    before messages kept their source, or when the catalogue's wording no longer fits its values."""
    msgid = stored.get("message_id")
    if not msgid:
        return stored.get("message", "")
    params = {
        key: message_worded(value) if isinstance(value, dict) else value
        for key, value in (stored.get("params") or {}).items()
    }
    text = gettext(msgid)
    try:
        return text % params if params else text
    except (KeyError, TypeError, ValueError):
        return stored.get("message", "")


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        stored = {"line": self.line, "column": self.column, "message": str(self.message)}
        if isinstance(self.message, Message):
            stored.update(message_id=self.message.msgid, params=self.message.params)
        return stored

    def __str__(self) -> str:
        where = f"{self.line}行目 {self.column}" if self.column else f"{self.line}行目"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """The file is not imported; ``errors`` says every reason, line by line."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def shown(value: str) -> str:
    """A value quoted for a message. Anything that could be a 個人番号 is masked."""
    text = redact(value)  # before cutting: a number cut in two would no longer be recognised
    return "「" + (text if len(text) <= 40 else text[:40] + "…") + "」"
