"""How an import says what is wrong: one RowError per problem, all of them in ImportRejected."""

from dataclasses import dataclass
from typing import Any

from cases.security.logging import redact


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}

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
