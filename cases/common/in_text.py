"""A choice named inside a sentence (文中): 「(離職日 …, 雇用保険受給資格者証)」, 「法定免除 (…) の期間」. Japanese
uses the choice's own words there; English needs lower-case words, not the label a list of choices starts
with a capital (「job lost on …, Employment insurance eligibility certificate」). Each such choice has a
table of wordings, each a pgettext entry with a context ending in 「(文中)」 and the label's Japanese as
its id, so Japanese screens read as before."""

from collections.abc import Mapping

from django.db import models
from django.utils import translation
from django.utils.functional import Promise


class InText:
    """The wordings of every value of `choices` inside a sentence."""

    def __init__(self, choices: type[models.Choices], wordings: Mapping[str, Promise | str]):
        missing = set(choices.values) - set(wordings)
        if missing:
            raise ValueError(f"{choices.__name__}: no wording inside a sentence for {sorted(missing)}")
        self._choices = choices
        self._wordings = dict(wordings)
        self._by_label: dict[str, str] | None = None

    def of(self, value: str) -> str:
        """`value` as a sentence words it; a value no choice has stays as it is (as get_FOO_display)."""
        return str(self._wordings.get(value, value))

    def value_of(self, stored: str) -> str | None:
        """The choice `stored` names: its value, or its label's Japanese (the message id), as a stored
        sentence keeps a label (cases/common/texts.py); None when no choice is either."""
        if stored in self._wordings:
            return stored
        if self._by_label is None:
            with translation.override(None):  # the labels' message ids, whatever the screen's language
                self._by_label = {str(label): value for value, label in self._choices.choices}
        return self._by_label.get(stored)
