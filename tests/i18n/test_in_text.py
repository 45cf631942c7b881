"""cases/common/in_text.py: a choice's words inside a sentence (文中), one table per choice list."""

import pytest
from django.db import models

from cases.common.in_text import InText


class Paper(models.TextChoices):
    NONE = "", "―"
    CARD = "card", "証明書"


def test_a_table_without_a_wording_for_every_choice_is_refused():
    with pytest.raises(ValueError, match=r"Paper: no wording inside a sentence for \['card'\]"):
        InText(Paper, {Paper.NONE: "―"})


def test_a_value_no_choice_has_stays_as_it_is_as_get_display_shows_it():
    words = InText(Paper, {Paper.NONE: "―", Paper.CARD: "証明書"})
    assert (words.of("card"), words.of("old_code")) == ("証明書", "old_code")
