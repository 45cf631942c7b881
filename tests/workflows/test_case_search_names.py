"""The case search by the person's name in kanji (the clerk's-day test of 2026-12-06: 「岡本」 typed into
カナ氏名 found nothing and there was no kanji field)."""

import pytest

from tests.factories import applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


def test_a_case_is_found_by_the_kanji_name_old_forms_alike(client, clerk):
    applicant, _spouse = applicant_with_household()
    type(applicant).objects.filter(pk=applicant.pk).update(kanji_name="髙橋　花子", kanji_search="高橋花子")
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(clerk)
    for typed in ("高橋", "髙橋", "高橋 花"):
        found = client.post("/cases/", {"kanji": typed}, follow=True).content.decode()
        assert case.number in found, typed
    assert case.number not in client.post("/cases/", {"kanji": "山田"}, follow=True).content.decode()
