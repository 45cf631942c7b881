"""The 窓口相談 screen takes what the statute's tests need: children under 16 and 16–18, the loss
carry-forward, persons with 障害者控除, the birth date (納付猶予 months), 任意加入 and 法90条1項2号."""

import datetime as dt
import re

import pytest

from cases.common.date_display import month_show
from cases.exemption.screening.params import current_fiscal_year

pytestmark = pytest.mark.usefixtures("screening_rules")

URL = "/consultation/"


def form_data(**overrides) -> dict:
    data = {
        "fiscal_year": str(current_fiscal_year()),
        "age": "30",
        "applicant_income": "0",
        "no_spouse": "on",
        "applicant_is_householder": "on",
        **overrides,
    }
    return {key: value for key, value in data.items() if value is not None}


def row(body: str, kind: str) -> str:
    match = re.search(rf'<tr data-kind="{kind}">(.*?)</tr>', body, re.S)
    assert match, kind
    return match.group(1)


def test_children_under_16_and_16_to_18_reach_the_limits(client, clerk):
    """令6条の7 (head count) and 令5条の4 (16–18 at 63万)."""
    client.force_login(clerk)
    body = client.post(
        URL, form_data(no_spouse=None, spouse_income="1300000", spouse_general="1", spouse_under16="2")
    ).content.decode()
    assert "配偶者: 基準額 1,720,000円 以下" in row(body, "full")
    body = client.post(URL, form_data(applicant_income="1910000", applicant_aged16to18="1")).content.decode()
    assert "本人: 基準額 1,910,000円 以下" in row(body, "half")


def test_loss_carryover_and_disability_counts_reach_the_rules(client, clerk):
    """令6条の11 and 令6条の12第2項2号."""
    client.force_login(clerk)
    body = client.post(
        URL, form_data(applicant_income="600000", applicant_loss_carryover="100000")
    ).content.decode()
    assert "本人: 基準額 670,000円 を 30,000円 超過" in row(body, "full")
    assert "純損失等の繰越控除 100,000円 を戻した額" in row(body, "full")
    body = client.post(
        URL,
        form_data(
            applicant_income="1950000", applicant_disability_count="1", applicant_special_disability_count="1"
        ),
    ).content.decode()
    assert "所得 1,950,000円 − 控除 670,000円 = 1,280,000円" in row(body, "half")


def test_the_birth_date_shows_up_to_which_month_deferral_can_cover(client, clerk):
    """平成26年法律第64号附則14条1項: born 1 January, the months stop in November of the year before."""
    year = current_fiscal_year()
    client.force_login(clerk)
    body = client.post(URL, form_data(age="", birth_date=f"{year - 49}-01-01")).content.decode()
    assert f"{month_show(dt.date(year, 11, 1))}分まで" in row(body, "deferral")  # 和暦, as every month
    body = client.post(URL, form_data(age="", birth_date=f"{year - 50}-06-01")).content.decode()
    assert "50歳に達する日の属する月の前月までが対象" in row(body, "deferral")


def test_voluntary_members_and_public_assistance(client, clerk):
    client.force_login(clerk)
    body = client.post(URL, form_data(insured_kind="voluntary")).content.decode()
    assert "任意加入被保険者・特例高齢任意加入被保険者は免除・納付猶予の対象外です" in row(body, "full")
    body = client.post(URL, form_data(applicant_income="9000000", public_assistance="on")).content.decode()
    assert "生活扶助以外の扶助の受給により所得を問わず該当" in row(body, "full")
    assert "該当の見込み" in row(body, "full")
