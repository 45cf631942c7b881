"""The auditor's home (QA walk, eighth session): an auditor landed on the counter's home — 「担当中の作業
0件」, the queue — with nothing of their own work and no way to the access log but the menu. The home now
leads with the audit: the access log and the security alerts of the last 30 days (PIA III-8 自己点検)."""

import pytest

from cases.security.models.alerts import SecurityAlert

pytestmark = pytest.mark.django_db


def test_the_auditors_home_leads_to_the_access_log_and_counts_the_recent_alerts(client, auditor, clerk):
    SecurityAlert.objects.create(kind=SecurityAlert.Kind.REVEAL_LIMIT, user=clerk, detail={})
    client.force_login(auditor)
    page = client.get("/", follow=True).content.decode()
    audit_card = page.split('id="audit-card"')[1].split("</section>")[0]
    assert 'href="/audit/"' in audit_card
    assert "直近30日の警告" in audit_card and "1 件" in audit_card


def test_a_clerks_home_has_no_audit_card(client, clerk):
    client.force_login(clerk)
    assert 'id="audit-card"' not in client.get("/", follow=True).content.decode()


def test_an_alerts_day_is_shown_in_wareki(client, auditor, clerk):
    """The walk of the ninth session: the daily alert's day read 「(2026-12-06)」 among 和暦 dates."""
    SecurityAlert.objects.create(
        kind=SecurityAlert.Kind.REVEAL_UNUSUAL, user=clerk, detail={"day": "2026-12-06", "count": 40}
    )
    client.force_login(auditor)
    page = client.get("/audit/").content.decode()
    assert "(令和8年12月6日)" in page
    assert "2026-12-06" not in page
