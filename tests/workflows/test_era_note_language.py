"""The note that an old-era date on an exemption form was read in the new era (A13) is the system's
sentence, not a clerk's: the timeline words it in each reader's language (cases/common/texts.py). It was
kept as a comment worded in the installation's language, Japanese on English screens."""

import pytest
from django.conf import settings
from django.utils import translation

from cases.kernel.models import Case
from tests.workflows import helpers as h
from tests.workflows.test_intake_refusals import applicant, post_old_era_statutory  # noqa: F401 - a fixture
from workflows.forms.exemption import InputForm

pytestmark = pytest.mark.django_db


def english(client, case) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_old_era_date_noted_at_intake_is_worded_in_english_on_an_english_screen(client, clerk, applicant):  # noqa: F811
    client.force_login(clerk)
    response = post_old_era_statutory(client, applicant)
    assert response.status_code == 302
    case = Case.objects.get()
    page = english(client, case)
    assert "改元後" not in page
    with translation.override("en"):
        date_sentence = translation.gettext(
            "「%(typed)s」は改元後の日付のため %(date)s として受け付けました。"
        )
    assert date_sentence != "「%(typed)s」は改元後の日付のため %(date)s として受け付けました。"
    assert (
        date_sentence.split("%(typed)s")[1].split("%(date)s")[0] in page
    )  # "… is after the change of era …"
    # In Japanese, as before: the field's label, what was typed and the date read.
    with translation.override("ja"):
        said = case.events.get(action="received").text
    assert (
        said == "事由の発生日: 「平成31年5月1日」は改元後の日付のため 令和元年5月1日 として受け付けました。"
    )


def test_an_old_era_month_noted_at_input_is_kept_as_the_systems_sentence(clerk, applicant):  # noqa: F811
    case = h.start_case(clerk=clerk, resident=applicant)
    h.verify(case, clerk)
    form = InputForm(data={"kind_1": "full", "period_start": "平成31年5月", "period_end": "令和2年6月"})
    form.is_valid()
    notes = form.era_notes()
    assert notes
    h.enter(case, clerk, kinds=["full"], notes=notes)  # the notes are the form's, kept as they say
    saved = case.events.get(action="input_saved")
    assert saved.comment == ""  # nobody typed it
    with translation.override("en"):
        assert "改元後" not in saved.text and "2019-05" in saved.text
    with translation.override("ja"):
        assert "「平成31年5月」は改元後の年月のため 令和元年5月 として受け付けました。" in saved.text
