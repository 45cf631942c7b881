"""カナ name boxes: what is printed as 氏名 (フリガナ) on a 届書 is katakana. Hiragana and half-width katakana
are turned into it (たかはし → タカハシ, ﾖｼﾀﾞ → ヨシダ); kanji, Latin letters and digits are refused with the
box's name, since no reading can be made of them."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.common.freetext import FreeTextField
from cases.common.identifiers.kana import katakana

# Katakana (with ー ・ ヴ ヽ ヾ), hiragana (the search boxes take it), half-width katakana and spaces.
_KANA_OR_SPACE = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\uff61-\uff9f \u3000]")


def validate_kana(value: str, label) -> None:
    """Refuses ``value`` unless every character is kana or a space, naming the box and the characters."""
    others = list(dict.fromkeys(ch for ch in value or "" if not _KANA_OR_SPACE.fullmatch(ch)))
    if others:
        raise ValidationError(
            _("%(label)s はカタカナで入力してください (使えない文字: %(chars)s)。")
            % {"label": label or _("カナ氏名"), "chars": "「" + "」「".join(others) + "」"},
            code="not_kana",
        )


class KanaNameField(FreeTextField):
    """A カナ name as written on the paper: stored in full-width katakana, spaces as typed."""

    def to_python(self, value):
        return katakana(super().to_python(value))  # half-width katakana widened already

    def validate(self, value):
        super().validate(value)
        validate_kana(value, self.label)


class KanaSearchField(forms.CharField):
    """A カナ search box: hiragana and half-width kana as typed (the search folds them), no kanji or letters."""

    def validate(self, value):
        super().validate(value)
        validate_kana(value, self.label)
