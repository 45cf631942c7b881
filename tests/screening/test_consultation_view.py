import re

import pytest
from django.urls import reverse

from cases.exemption.screening.params import current_fiscal_year

pytestmark = pytest.mark.usefixtures("screening_rules")

URL = "/consultation/"


def form_data(**overrides) -> dict:
    data = {
        "fiscal_year": str(current_fiscal_year()),
        "age": "30",
        "applicant_income": "600000",
        "no_spouse": "on",
        "applicant_is_householder": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def row(body: str, kind: str) -> str:
    match = re.search(rf'<tr data-kind="{kind}">(.*?)</tr>', body, re.S)
    assert match, kind
    return match.group(1)


def test_route_name():
    assert reverse("consultation") == URL


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("persona", ["operator", "auditor", "admin_user"])
def test_roles_without_the_permission_get_403(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403


@pytest.mark.parametrize("persona", ["clerk", "supervisor"])
def test_form_is_shown_with_the_advisory_label(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "参考: 判定は日本年金機構が行います" in body
    assert 'name="applicant_income"' in body and 'name="no_spouse"' in body
    assert "data-kind" not in body  # nothing judged yet
    year = current_fiscal_year()
    assert f'<option value="{year}" selected>' in body


def test_nav_link_only_with_the_permission(client, clerk, operator):
    client.force_login(clerk)
    assert 'href="/consultation/"' in client.get(URL).content.decode()
    client.force_login(operator)
    home = client.get("/", follow=True)
    assert home.status_code == 200 and "ログアウト" in home.content.decode()
    assert 'href="/consultation/"' not in home.content.decode()


def test_clerk_sees_who_fails_and_by_how_much(client, clerk):
    client.force_login(clerk)
    response = client.post(
        URL,
        form_data(
            no_spouse=None,
            applicant_income="600000",
            spouse_income="700,000",
            spouse_deductions="100000",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "参考: 判定は日本年金機構が行います" in body
    full = row(body, "full")
    assert "非該当の見込み" in full
    assert "配偶者: 基準額 670,000円 を 30,000円 超過" in full
    assert "本人: 基準額 670,000円 以下" in full
    # 4分の3: 700,000 − 100,000 = 600,000 ≤ 880,000
    three_quarters = row(body, "three_quarters")
    assert "該当の見込み" in three_quarters and "非該当" not in three_quarters
    assert "所得 700,000円 − 控除 100,000円 = 600,000円" in three_quarters
    assert "最も有利な見込み:" in body and "<strong>4分の3免除</strong>" in body


def test_blocked_reasons_are_shown_in_japanese(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(age="50")).content.decode()
    assert "50歳以上のため対象外です" in row(body, "deferral")
    assert "学生でないため対象外です" in row(body, "student")
    body = client.post(URL, form_data(age="", is_student="on")).content.decode()
    assert "学生は学生納付特例のみ対象です" in row(body, "full")
    body = client.post(URL, form_data(age="")).content.decode()
    assert "年齢が不明のため判定できません" in row(body, "deferral")


def test_householder_is_tested_unless_the_applicant_is_householder(client, clerk):
    client.force_login(clerk)
    body = client.post(
        URL, form_data(applicant_is_householder=None, householder_income="3000000")
    ).content.decode()
    assert "世帯主: 基準額 670,000円 を 2,330,000円 超過" in row(body, "full")
    assert "世帯主" not in row(body, "deferral")


def test_flags_and_dependants_reach_the_rules(client, clerk):
    client.force_login(clerk)
    body = client.post(
        URL,
        form_data(
            applicant_income="1350000",
            applicant_disability="2",
            applicant_widow="2",
            applicant_specified="1",
        ),
    ).content.decode()
    full = row(body, "full")
    assert "本人: 基準額 1,350,000円 以下 (差 0円)" in full
    assert "障害者・寡婦・ひとり親の基準額を適用" in full
    # 88万 + 63万 = 1,510,000; 1,350,000 − 40万 − 35万 = 600,000
    assert "本人: 基準額 1,510,000円 以下" in row(body, "three_quarters")


def test_earlier_fiscal_year_uses_its_own_rule_set(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(fiscal_year="2020", applicant_income="600000")).content.decode()
    assert "本人: 基準額 570,000円 を 30,000円 超過" in row(body, "full")
    assert "判定結果 (参考・令和2年度の基準)" in body  # the heading in 和暦 like every date (2026-12-06)


def test_full_width_digits_are_accepted(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(applicant_income="６７０，００１円")).content.decode()
    assert "本人: 基準額 670,000円 を 1円 超過" in row(body, "full")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"applicant_income": "abc"}, "applicant_income", "0以上の整数 (円) で入力してください"),
        ({"applicant_income": "-5"}, "applicant_income", "0以上の整数 (円) で入力してください"),
        ({"applicant_income": ""}, "applicant_income", "本人の前年所得を入力してください"),
        ({"applicant_general": "-1"}, "applicant_general", "0以上の整数 (人数) で入力してください"),
        ({"age": "x"}, "age", "0以上の整数 (歳) で入力してください"),
        (
            {"no_spouse": None},
            "spouse_income",
            "配偶者の前年所得を入力するか「配偶者なし」を選んでください",
        ),
        (
            {"applicant_is_householder": None},
            "householder_income",
            "世帯主の前年所得を入力するか「本人が世帯主」を選んでください",
        ),
    ],
)
def test_bad_input_shows_the_error_next_to_the_field_and_judges_nothing(
    client, clerk, overrides, field, message
):
    client.force_login(clerk)
    response = client.post(URL, form_data(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "data-kind" not in body
    assert "判定は行っていません" in body
    # The message follows that field's input, before the next field starts.
    after_field = body.split(f'name="{field}"', 1)[1].split("<label", 1)[0]
    assert message in after_field


def test_ticked_no_spouse_ignores_whatever_is_in_the_spouse_column(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(spouse_income="not a number")).content.decode()
    assert "配偶者" not in row(body, "full")
    assert "該当の見込み" in row(body, "full")


def test_unknown_fiscal_year_is_a_form_error(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(fiscal_year="2013")).content.decode()
    assert "data-kind" not in body
    assert "正しく選択してください" in body
