"""A 勧奨 list's matching counts in English: the walk of 2026-12-08 read "Matched 3 ・ already filed or
solicited 0 ・ not matched 1" (the Japanese 「・」 left in the English catalogue)."""

import pytest
from django.utils import translation

from cases.qualification.lists import list_import
from cases.qualification.models import QualificationList
from tests.qualification.helpers import person
from tests.qualification.test_lists import loss_list

pytestmark = pytest.mark.django_db


def test_the_list_counts_are_separated_in_the_readers_language(client, clerk):
    qlist = list_import(
        kind=QualificationList.Kind.EMPLOYEE_PENSION_LOSS,
        filename="a.csv",
        data=loss_list(person(kana_name="イチ タロウ")),
        by=clerk,
    )
    client.force_login(clerk)
    page = client.get(f"/qualification/lists/{qlist.pk}/").content.decode()
    assert "該当あり 1件 ・ 届出済・勧奨済 0件 ・ 該当なし 0件" in page
    client.post("/language/", {"language": "en", "next": "/"})
    with translation.override("en"):
        page = client.get(f"/qualification/lists/{qlist.pk}/").content.decode()
    line = page.split("Matched 1", 1)[1].split("</dd>", 1)[0]
    assert "・" not in line and " / already filed or solicited 0 / not matched 0" in line
