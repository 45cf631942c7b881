"""The 取込履歴 on /results/: its 不一致 count and the list it links to, and who did what."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.submission.models import Discrepancy, ResultImport
from tests.results.conftest import apply_post, csv_bytes, line

pytestmark = pytest.mark.django_db
Kind = Discrepancy.Kind


def upload_and_apply(client, data: bytes, first, second, capture, name="kekka.csv"):
    client.force_login(first)
    response = client.post("/results/", {"file": SimpleUploadedFile(name, data, content_type="text/csv")})
    assert response.status_code == 302, response.content.decode()[-2000:]
    client.force_login(second)
    with capture(execute=True):
        apply_post(client, response["Location"])
    return ResultImport.objects.order_by("-pk").first()


def test_the_discrepancy_link_lists_as_many_items_as_the_history_counts(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    """Exploratory test 2026-12-06: the history said 不一致 4 and its link listed 1: the 「結果のない送付
    案件」 items an import raises are tied to no line of it, and the list kept only those with a line."""
    answered, differs, silent, silent2 = send(), send(), send(), send()
    imported = upload_and_apply(
        client,
        csv_bytes(line(answered), line(differs, kind="半額免除")),
        supervisor,
        supervisor2,
        django_capture_on_commit_callbacks,
    )
    # An earlier import's items (another bundle's, already there) must not be counted in.
    Discrepancy.objects.create(kind=Kind.MISSING_RESULT, case=answered, detail="earlier")
    kinds = sorted(Discrepancy.objects.exclude(detail="earlier").values_list("kind", flat=True))
    assert kinds == sorted([Kind.DIFFERS, Kind.MISSING_RESULT, Kind.MISSING_RESULT])
    assert imported.discrepancies == 3

    page = client.get("/results/").content.decode()
    link = f"/results/discrepancies/?import={imported.pk}&amp;status=all"
    assert f'<a href="{link}">3</a>' in page
    listed = client.get("/results/discrepancies/", {"import": imported.pk, "status": "all"}).content.decode()
    ids = set(re.findall(r'href="/results/discrepancies/(\d+)/"', listed))
    expected = Discrepancy.objects.exclude(detail="earlier").values_list("pk", flat=True)
    assert ids == {str(pk) for pk in expected}
    assert silent.number in listed and silent2.number in listed


def test_items_from_before_are_tied_to_their_import(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    """Migration 0033 ties the items already there: by their line, or by the file a 「結果のない送付案件」
    names and the time it was raised."""
    import importlib

    from django.apps import apps

    answered, silent = send(), send()
    imported = upload_and_apply(
        client,
        csv_bytes(line(answered, kind="半額免除")),
        supervisor,
        supervisor2,
        django_capture_on_commit_callbacks,
    )
    Discrepancy.objects.update(result_import=None)
    importlib.import_module("cases.migrations.0033_discrepancy_result_import").backfill(apps, None)
    tied = dict(Discrepancy.objects.values_list("kind", "result_import_id"))
    assert tied == {Kind.DIFFERS: imported.pk, Kind.MISSING_RESULT: imported.pk}
    assert Discrepancy.objects.get(kind=Kind.MISSING_RESULT).case == silent


def _cells(page: str, marker: str) -> list[str]:
    row = (
        page.split(marker, 1)[0].rsplit("<tr", 1)[1] + marker + page.split(marker, 1)[1].split("</tr>", 1)[0]
    )
    return [re.sub(r"<[^>]+>", "", cell.split(">", 1)[1]).strip() for cell in row.split("<td")[1:]]


def test_the_history_and_the_upload_page_name_who_uploaded_and_who_applied(
    client, send, supervisor, supervisor2, django_capture_on_commit_callbacks
):
    """Exploratory test 2026-12-06: the history's 「取込者」 was the 係長 who applied the file, the upload
    page's 「取込者」 the one who uploaded it."""
    imported = upload_and_apply(
        client, csv_bytes(line(send())), supervisor, supervisor2, django_capture_on_commit_callbacks
    )
    page = client.get("/results/").content.decode()
    assert "取込者" not in page
    head = page.split("取込履歴", 1)[1].split("</thead>", 1)[0]
    assert "<th>アップロード</th>" in head and "<th>反映</th>" in head
    cells = _cells(page, "kekka.csv")
    assert (
        cells[0] == f"アップロード #{imported.uploads.get().pk} → 取込番号 {imported.pk}"
    )  # both numbers, told apart
    assert cells[2].startswith(str(supervisor)) and cells[3].startswith(str(supervisor2)), cells

    upload = imported.uploads.get()
    page = client.get(f"/results/uploads/{upload.pk}/").content.decode()
    assert "取込者" not in page and "確認者" not in page
    assert f"<dt>アップロード</dt><dd>{supervisor}" in page and f"<dt>反映</dt><dd>{supervisor2}" in page
