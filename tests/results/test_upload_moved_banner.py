"""The confirm page while lines of the kept match have moved (QA walk, 2026-12-06): the sentence saying so
was plain text under the facts and 「反映する」 stayed the primary button, though the server refuses the
apply; another office's 係長, who has no 再照合 button, was told 「「再照合する」で…」."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.kernel.models import Case, Stage
from cases.submission.result_uploads import ResultUpload
from tests.conftest import make_user
from tests.results.conftest import csv_bytes, line

pytestmark = pytest.mark.django_db
MOVED_BANNER = "照合した後に状態が変わった案件があります (1行)"


@pytest.fixture
def staged(client, send, supervisor) -> ResultUpload:
    """The 本庁 係長's pending upload of one sent case."""
    client.force_login(supervisor)
    data = csv_bytes(line(send()))
    client.post("/results/", {"file": SimpleUploadedFile("kekka.csv", data, content_type="text/csv")})
    return ResultUpload.objects.get()


def moved(upload: ResultUpload) -> None:
    """The upload's case moves on after the match was kept (another upload applied, say)."""
    Case.objects.filter(pk=upload.preview[0]["case_id"]).update(stage=Stage.CLOSED)


def page_of(client, user, upload: ResultUpload) -> str:
    client.force_login(user)
    return client.get(f"/results/uploads/{upload.pk}/").content.decode()


def primary(page: str) -> list[str]:
    """The actions of the buttons styled as the primary one."""
    return re.findall(r'<button type="submit" name="action" value="(\w+)" class="primary">', page)


def banner(page: str) -> str:
    found = re.search(r'<p class="errors" role="alert">([^<]*照合[^<]*)</p>', page)
    return found[1] if found else ""


def test_with_nothing_moved_反映する_is_the_primary_action(client, staged, supervisor2):
    page = page_of(client, supervisor2, staged)
    assert primary(page) == ["apply"] and not banner(page)


def test_moved_lines_are_an_alert_and_再照合する_is_the_primary_action(client, staged, supervisor2):
    moved(staged)
    page = page_of(client, supervisor2, staged)
    assert MOVED_BANNER in banner(page) and "「再照合する」で" in banner(page)
    assert primary(page) == ["recheck"]


def test_the_uploader_is_offered_再照合する_as_the_primary_action_too(client, staged, supervisor):
    moved(staged)
    page = page_of(client, supervisor, staged)
    assert MOVED_BANNER in banner(page) and primary(page) == ["recheck"]


def test_an_upload_kept_before_its_match_is_an_alert_and_再照合する_is_primary(client, staged, supervisor2):
    ResultUpload.objects.filter(pk=staged.pk).update(checked_at=None)
    page = page_of(client, supervisor2, staged)
    assert "照合結果が保存される前に" in banner(page) and primary(page) == ["recheck"]


def test_another_offices_supervisor_is_told_who_must_check_again_not_to_press_a_button_they_lack(
    client, staged, other_office, office
):
    kamui = make_user("super-kamui", "supervisor", other_office)
    moved(staged)
    page = page_of(client, kamui, staged)
    said = banner(page)
    assert MOVED_BANNER in said and 'value="recheck"' not in page
    assert "「再照合する」で" not in said and f"取り込んだ事務所 ({office.name}) の係長が再照合" in said

    ResultUpload.objects.filter(pk=staged.pk).update(checked_at=None)
    said = banner(page_of(client, kamui, staged))
    assert "再照合してから反映してください" not in said
    assert f"取り込んだ事務所 ({office.name}) の係長が再照合" in said
