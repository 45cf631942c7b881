"""cases/common/in_text.py: a choice's words inside a sentence (文中), one table per choice list."""

import pytest
from django.db import models
from django.utils import translation

from cases.common.in_text import InText
from cases.exemption.models import ExemptionApplication


class Paper(models.TextChoices):
    NONE = "", "―"
    CARD = "card", "証明書"


def test_a_table_without_a_wording_for_every_choice_is_refused():
    with pytest.raises(ValueError, match=r"Paper: no wording inside a sentence for \['card'\]"):
        InText(Paper, {Paper.NONE: "―"})


def test_a_value_no_choice_has_stays_as_it_is_as_get_display_shows_it():
    words = InText(Paper, {Paper.NONE: "―", Paper.CARD: "証明書"})
    assert (words.of("card"), words.of("old_code")) == ("証明書", "old_code")


def test_則77条の7第2号_no_job_loss_paper_reads_as_no_document_in_english():
    """The 失業等 paper not chosen (施行規則77条の7第2号): 「―」 in Japanese, words in an English sentence."""
    application = ExemptionApplication(job_loss_evidence="")
    with translation.override("ja"):
        assert application.job_loss_evidence_in_text == "―"
    with translation.override("en"):
        assert application.job_loss_evidence_in_text == "no document"
