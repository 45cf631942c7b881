"""A refusal's message in the access log (its 理由): kept in Japanese, read in the reader's language.

A refused user reads why on their own screen language, and the sentence is usually made long before
the refusal is logged — a service raises PermissionDenied(_("…") % {…}) and the view logs str(exc)
(cases/security/refusals.py). Until the seventh session of 2026-12-06 that string went into the log as it was, so a clerk on an
English screen left English among the Japanese 理由. The log is one record in the installation's words
(as its purposes are: cases/security/audit_purposes.py), so the message is kept in Japanese: a lazy
message id is rendered under Japanese; a string already worded for another language is taken back to
its message id through that language's catalogue — the whole sentence, or a sentence with parts filled
in (「ユーザーID %(username)s は%(kind)sのため…」), each part itself taken back when it is a message id
(the kind of account), else kept (a login ID, an office's name). A string the catalogue does not hold (one
cut short, one typed) is kept as written: there is nothing to word it from. A caller joining several
sentences keeps each first (the admin's 二要素認証の解除 of several accounts); such a joined message then
reads in Japanese on an English screen too.

The auditor's screen and CSV do the reverse: a Japanese message that is a message id, or one with parts
filled in, reads in the reader's language. Stored rows are never touched (append-only, hashed: see
cases/security/audit_old_words.py): an English message written before the fix reads as it was written.

The catalogues are Django's own (trans_real.translation(...)._catalog, as tests/i18n/pending.py reads
them); the tables built from them are kept per language and catalogue size (``size``: a test may add
an id).
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

LOG_LANGUAGE = "ja"
MIN_WORDS = 4  # letters a sentence with parts must have besides them to be recognised
_PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")
# No part of ours ends a sentence (a name, a number, a stage, a clause): one that does is a sentence
# joined to another (「…。ユーザーID …」), which would be worded half in one language, half in the other.
_SENTENCE_END = re.compile(r"。|\. ")


@dataclass(frozen=True)
class _Template:
    key: str  # the catalogue's key: a message id, or "context\x04message id"
    head: str  # the words before the first part: a cheap look before the pattern
    pattern: re.Pattern
    numbers: frozenset[str]  # parts written with %(…)d


def _is_japanese(language: str | None) -> bool:
    return not language or language.split("-")[0] == LOG_LANGUAGE


def _catalogue(language: str):
    return trans_real.translation(language)._catalog


def _size(language: str) -> int:
    return sum(len(part) for part in _catalogue(language)._catalogs)


def _template(key: str, text: str) -> _Template | None:
    """The pattern a sentence with parts matches (None without named parts, or with a bare %s)."""
    pieces = _PLACEHOLDER.split(text.replace("%%", "%"))
    if len(pieces) == 1 or "%s" in text or "%d" in text:
        return None
    if len(re.sub(r"\W", "", "".join(pieces[::3]))) < MIN_WORDS:
        return None  # mostly parts (「%(n)s 件」, an English "%(result)s"): it would match anything
    regex, names, numbers = [], set(), set()
    for i in range(0, len(pieces) - 1, 3):
        regex.append(re.escape(pieces[i]))
        name, kind = pieces[i + 1], pieces[i + 2]
        if name in names:
            return None  # the same part twice: not worth a backreference
        names.add(name)
        if kind == "d":
            numbers.add(name)
        regex.append(rf"(?P<{name}>-?\d+)" if kind == "d" else rf"(?P<{name}>.+?)")
    regex.append(re.escape(pieces[-1]))
    return _Template(key, pieces[0], re.compile("".join(regex), re.DOTALL), frozenset(numbers))


@lru_cache(maxsize=8)
def _tables(language: str, direction: str, size: int) -> tuple[dict[str, str], list[_Template]]:
    """("back": from the language's words to the key; "out": from the message id to the key) — whole
    sentences by their words, and the sentences with parts. A key without a context wins over one with."""
    whole: dict[str, str] = {}
    with_parts: list[_Template] = []
    entries = [(k, v) for k, v in _catalogue(language).items() if isinstance(k, str) and v]
    entries.sort(key=lambda kv: "\x04" in kv[0])
    for key, worded in entries:
        text = worded if direction == "back" else key.rpartition("\x04")[2]
        whole.setdefault(text, key)
        if "%(" in text and (template := _template(key, text)):
            with_parts.append(template)
    return whole, with_parts


def _word(key: str) -> str:
    """A catalogue key worded in the active language."""
    context, sep, message_id = key.rpartition("\x04")
    return translation.pgettext(context, message_id) if sep else translation.gettext(message_id)


def _convert(text: str, language: str, direction: str, target: str) -> str | None:
    """``text`` worded in ``target``, found through ``language``'s catalogue; None when it is not there."""
    whole, with_parts = _tables(language, direction, _size(language))
    if text in whole:
        with translation.override(target):
            return _word(whole[text])
    for template in with_parts:
        if not text.startswith(template.head) or not (found := template.pattern.fullmatch(text)):
            continue
        if any(_SENTENCE_END.search(value) for value in found.groupdict().values()):
            continue  # a part running over a sentence's end: sentences joined, not this one's part
        with translation.override(target):
            parts = {
                # A part that is a message id itself (a kind of account, a stage) is worded too.
                name: int(value)
                if name in template.numbers
                else _word(whole[value])
                if value in whole
                else value
                for name, value in found.groupdict().items()
            }
            return _word(template.key) % parts
    return None


def refusal_message_kept(message) -> str:
    """The message as the log keeps it: Japanese, whatever the refused user's screen language."""
    if isinstance(message, Promise):
        with translation.override(LOG_LANGUAGE):
            return str(message)
    language = translation.get_language()
    if _is_japanese(language):
        return message
    return _convert(message, language, "back", LOG_LANGUAGE) or message


def refusal_message_shown(message: str) -> str:
    """A kept message in the reader's language where it was written from the catalogue; else as written."""
    language = translation.get_language()
    if _is_japanese(language):
        return message
    return _convert(message, language, "out", language) or message
