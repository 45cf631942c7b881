"""Every error and help text a field's aria-describedby names is on the page under that id (Django 5.2
points a widget at <auto_id>_error and <auto_id>_helptext): the exploratory accessibility test found each
link pointing at nothing. A group of choices is linked as a fieldset, its errors inside it."""

from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.disability import helpers as d
from tests.factories import PensionRecordFactory, applicant_with_household
from tests.workflows import helpers as h

pytestmark = pytest.mark.django_db


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.described, self.invalid, self.fieldsets = set(), [], 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described.append((tag, attrs.get("name") or attrs.get("id"), attrs["aria-describedby"]))
        self.invalid += attrs.get("aria-invalid") == "true"
        if tag == "fieldset" and attrs.get("aria-describedby"):
            self.fieldsets.append(attrs["aria-describedby"])


def described(page: str) -> _Ids:
    """The page's links, having asserted each names an element of the page."""
    parsed = _Ids()
    parsed.feed(page)
    missing = [
        (tag, name, ref)
        for tag, name, refs in parsed.described
        for ref in refs.split()
        if ref not in parsed.ids
    ]
    assert not missing, missing
    return parsed


def test_login_errors_are_linked_and_a_wrong_password_is_announced(client, clerk):
    page = client.post("/login/", {"username": "", "password": ""}).content.decode()
    found = described(page)
    assert {"id_username_error", "id_password_error"} <= found.ids and found.invalid == 2
    page = client.post("/login/", {"username": "clerk1", "password": "wrong"}).content.decode()
    assert '<div class="errors" role="alert">' in page


def test_the_qualification_intake_s_errors_and_help_texts_are_linked(client, clerk):
    resident = PensionRecordFactory().resident
    client.force_login(clerk)
    page = client.post(f"/intake/qualification/{resident.pk}/", {"kind": "kind_change"}).content.decode()
    found = described(page)
    assert found.invalid and any(
        ref.endswith("_helptext") for _tag, _name, refs in found.described for ref in [refs]
    )


def test_the_disability_intake_links_its_choice_groups_errors_inside_the_fieldset(client, clerk):
    resident = PensionRecordFactory().resident
    client.force_login(clerk)
    page = client.post(f"/intake/disability/{resident.pk}/", {"action": "take"}).content.decode()
    found = described(page)
    assert found.invalid and found.fieldsets
    fieldset = page.split(f'aria-describedby="{found.fieldsets[0]}"', 1)[1].split("</fieldset>", 1)[0]
    assert f'id="{found.fieldsets[0].split()[-1]}"' in fieldset  # the error sits in its group


def test_the_exemption_intake_s_errors_are_linked(client, clerk):
    applicant, _spouse = applicant_with_household()
    client.force_login(clerk)
    page = client.post(f"/intake/exemption/{applicant.pk}/", {"received_on": "x"}).content.decode()
    assert described(page).invalid


def test_the_disability_input_s_period_errors_are_linked(client, clerk):
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    task = d.take(case, "enter_data", clerk)
    data = {
        "received_on": timezone.localdate().isoformat(),
        "periods-TOTAL_FORMS": "1",
        "periods-INITIAL_FORMS": "0",
        "periods-0-start": "x",
        "action": "save",
    }
    page = client.post(f"/desk/tasks/{task.pk}/", data).content.decode()
    assert "id_periods-0-start_error" in described(page).ids


def test_the_bulk_reassignment_s_errors_are_linked(client, clerk, clerk2, supervisor):
    applicant, _spouse = applicant_with_household()
    case = h.start_case(clerk=clerk, resident=applicant)
    client.force_login(supervisor)
    data = {"action": "reassign", "task": [h.open_task(case, "verify_identity").pk], "back": "/desk/queue/"}
    page = client.post("/desk/tasks/bulk/", {**data, "to_user": clerk2.pk, "confirm": "1"}).content.decode()
    assert "id_reason_error" in described(page).ids


def test_the_import_form_s_errors_and_help_are_linked(client, admin_user):
    client.force_login(admin_user)
    page = client.post("/imports/", {"kind": ""}).content.decode()
    found = described(page)
    assert found.invalid and "id_file_helptext" in found.ids


def test_each_period_cell_of_the_disability_input_is_labelled_by_its_column_and_row(client, clerk):
    """The 納付状況 table's boxes had a placeholder only: a screen reader heard "edit text" five times a row."""
    case = d.start_claim(clerk=clerk, resident=PensionRecordFactory().resident)
    d.verify(case, clerk)
    client.force_login(clerk)
    page = client.get(f"/desk/tasks/{d.take(case, 'enter_data', clerk).pk}/").content.decode()
    for name, column in [
        ("start", "開始月"),
        ("end", "終了月"),
        ("status", "状態"),
        ("category3", "第3号被保険者期間"),
    ]:
        assert f'<label for="id_periods-1-{name}" class="sr-only">{column} (2行目)</label>' in page


def test_a_refused_mynumber_search_marks_the_number_and_starts_the_cursor_in_its_own_form(client, clerk):
    """Exploratory test: 「123」 put the error above the 個人番号 form, left the number box unmarked, and the
    cursor went to カナ氏名 in the name search on the left."""
    client.force_login(clerk)
    page = client.post("/intake/", {"number": "123", "purpose": "identity"}).content.decode()
    assert "id_number_error" in described(page).ids
    number_box = page.split('name="number"', 1)[1].split(">", 1)[0]
    assert 'aria-invalid="true"' in number_box
    forms = page.split("<form")
    autofocused = [form for form in forms if form.split(">", 1)[0].count("data-autofocus")]
    assert len(autofocused) == 1 and 'name="number"' in autofocused[0]
    page = client.post("/intake/", {"search": "name", "birth_date": "x"}).content.decode()
    autofocused = [form for form in page.split("<form") if form.split(">", 1)[0].count("data-autofocus")]
    assert len(autofocused) == 1 and 'name="kana"' in autofocused[0]


def test_the_intake_search_results_name_their_action_column(client, clerk):
    resident = PensionRecordFactory().resident
    client.force_login(clerk)
    page = client.post("/intake/", {"search": "name", "kana": resident.kana_name}).content.decode()
    head = page.split("<thead>", 1)[1].split("</thead>", 1)[0]
    assert "<th></th>" not in head and '<th><span class="sr-only">操作</span></th>' in head


def test_a_bad_basic_pension_no_in_the_name_search_is_said_on_its_box(client, clerk):
    """Counter walk: 「12345678901」 put the message above the form and the cursor in カナ氏名."""
    client.force_login(clerk)
    page = client.post("/intake/", {"search": "name", "pension_no": "12345678901"}).content.decode()
    found = described(page)
    assert "id_pension_no_error" in found.ids
    box = page.split('name="pension_no"', 1)[0].rsplit("<input", 1)[1] + page.split('name="pension_no"', 1)[1]
    assert 'aria-invalid="true"' in box.split(">", 1)[0]
    field = page.split('name="pension_no"', 1)[0].rsplit('<div class="field', 1)[1]
    assert field.startswith(" has-error")
