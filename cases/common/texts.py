"""Sentences the system writes into records people read later — the case timeline, the 突合 queue —
kept as a code and its parameters and worded when shown, in the screen's language.

A part of cases/ defines its sentences once in its `texts.py` (imported at start-up, cases/apps.py):

    BUNDLED = text_define("bundled", _("送付 %(bundle)s (締切 %(cutoff)s)"), cutoff="moment")

and stores `BUNDLED(bundle=..., cutoff=...)` (a `Text`: code + JSON parameters) beside what a person
typed (a reason stays as typed). Each parameter is shown by its kind:

- (none) as stored: numbers (an int fills a %(count)d too), names, what a person or 機構 wrote;
- "label" / "labels": a Japanese label of the code lists (stage, document, task …) — stored in
  Japanese, which is its message id, and translated when shown ("・" between several, ", " in
  English); a label with
  computed parts may be stored as a Text's JSON instead, and is worded in turn;
- "date" / "moment" / "month": an ISO date, date-time or YYYY-MM, shown as every date on screen is
  (cases/common/date_display.py); "fiscal_year": a 年度 by the year it starts in (令和7年度; 2025 in
  English, whose sentence says FY itself);
- "text": another stored Text ({"code", "params"}), worded in turn; "texts": several, each worded, one
  after another (a space between);
- an `InText` (cases/common/in_text.py) instead of a kind's name: a choice inside the sentence, stored as a
  "label" is (its Japanese) or as its value, and worded as a sentence words it (English 「full exemption」,
  not the label 「Full exemption」); anything no choice is labelled with is shown as a "label".

A code nobody defines any more is shown as its parameters rather than failing the page.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

from cases.common.date_display import date_show, fiscal_year_in_text, month_show, series_separator
from cases.common.in_text import InText

KINDS = frozenset({"label", "labels", "date", "moment", "month", "fiscal_year", "text", "texts"})


@dataclass(frozen=True)
class Text:
    """One stored sentence: its code and parameters (JSON values only)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"code": self.code, "params": self.params}

    def fields(self) -> dict:
        """The model fields that store it (CaseEvent, Discrepancy: text_code, text_params)."""
        return {"text_code": self.code, "text_params": self.params}

    def render(self) -> str:
        return text_render(self.code, self.params)

    def __str__(self) -> str:
        return self.render()


@dataclass(frozen=True)
class TextDef:
    code: str
    template: Any  # a lazy Japanese message id with %(name)s placeholders
    kinds: dict[str, "str | InText"]

    def __call__(self, **params) -> Text:
        return Text(self.code, {name: _jsonable(value) for name, value in params.items()})


_TEXTS: dict[str, TextDef] = {}


def text_define(code: str, template, **kinds: "str | InText") -> TextDef:
    unknown = {kind for kind in kinds.values() if not isinstance(kind, InText)} - KINDS
    if unknown:
        raise ValueError(f"unknown parameter kinds {sorted(unknown)} in text {code}")
    if code in _TEXTS and _TEXTS[code].template != template:
        raise ValueError(f"text code {code} is defined twice")
    _TEXTS[code] = TextDef(code, template, kinds)
    return _TEXTS[code]


def text_codes() -> frozenset[str]:
    return frozenset(_TEXTS)


def _jsonable(value):
    if isinstance(value, Text):
        return value.as_json()
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "_proxy____cast"):
        # A lazy label is stored as its message id (Japanese), not in the writer's screen language:
        # each reader sees it in theirs.
        with translation.override(None):
            return str(value)
    return value


def _label(value) -> str:
    if isinstance(value, dict):  # a label with computed parts, kept as a sentence (ChecklistItem.label_text)
        return text_render(value.get("code", ""), value.get("params") or {})
    return label_show(value) if isinstance(value, str) and value else str(value or "")


# Labels with computed parts that rows written before those were kept as sentences hold as plain
# Japanese (a 診断書 named with its window and 和暦 dates, before 81f4a95): the part of cases/ that
# wrote them registers a reader that turns one back into its sentence, or None. Read, not rewritten.
_LABEL_READERS: list[Callable[[str], "Text | None"]] = []


def label_reader_register(reader: Callable[[str], "Text | None"]) -> None:
    if reader not in _LABEL_READERS:
        _LABEL_READERS.append(reader)


def label_show(label: str) -> str:
    """A label stored in Japanese, in the screen's language: its message id's words, or — for a plain
    label with computed parts — its sentence worded; anything else as written."""
    worded = gettext(label)
    if worded != label:
        return worded
    for reader in _LABEL_READERS:
        text = reader(label)
        if text is not None:
            return text.render()
    return label


def _shown(value, kind: "str | InText | None") -> str | int:
    if value is None or value == "":
        return gettext("(なし)") if kind == "month" else ""
    if isinstance(kind, InText):  # a choice inside the sentence: its words there, else as a label
        choice = kind.value_of(value) if isinstance(value, str) else None
        return kind.of(choice) if choice is not None else _label(value)
    if kind == "label":
        return _label(value)
    if kind == "labels":
        labels = [_label(v) for v in value] if isinstance(value, list) else [_label(value)]
        if not labels:
            return gettext("提示なし")
        # Japanese lists labels with 「・」; English with commas, as any list in a sentence.
        return (series_separator() if translation.get_language() == "en" else "・").join(labels)
    if kind == "date":
        return date_show(value)
    if kind == "moment":
        return date_show(dt.datetime.fromisoformat(value))
    if kind == "month":
        return month_show(value)
    if kind == "fiscal_year":
        return fiscal_year_in_text(int(value))
    if kind == "texts":  # several stored Texts, each worded in turn
        return " ".join(str(_shown(v, "text")) for v in (value if isinstance(value, list) else [value]))
    if kind == "text":  # another stored Text, or words kept as written
        return (
            text_render(value.get("code", ""), value.get("params") or {})
            if isinstance(value, dict)
            else str(value)
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return value  # a count or an age: kept a number for a template's %(count)d
    return str(value)


class _Shown(dict):
    def __missing__(self, name: str) -> str:  # an optional parameter left out
        return ""


def text_render(code: str, params: dict | None) -> str:
    """The sentence in the active language (documents render in Japanese)."""
    params = params or {}
    definition = _TEXTS.get(code)
    if definition is None:
        return " ".join(f"{name}={value}" for name, value in params.items()) or code
    shown = _Shown({name: _shown(value, definition.kinds.get(name)) for name, value in params.items()})
    return str(definition.template) % shown


def text_shown(text: dict | None, written: str) -> str:
    """A field kept as a sentence (`{"code", "params"}`) beside its words as written: the sentence in the
    screen's language, or — for a row that holds none (a person's own data, an old row) — the words."""
    if text:
        return text_render(text.get("code", ""), text.get("params") or {})
    return written


def text_json(value: "Text | str") -> dict:
    """What a `*_text` field stores for a value that is a sentence or words as written ({} for words)."""
    return value.as_json() if isinstance(value, Text) else {}
