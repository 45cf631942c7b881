"""The access log keeps a 個人番号 approval request's purpose in Japanese, as it keeps a search's and a
reveal's (cases/registry/mynumber.py): the 監査 screen shows purposes as stored, so a request made from an
English screen left English in a Japanese log."""

import pytest
from django.utils import translation

from cases.registry.reveals import reveal_approval_request
from cases.security.models.audit import AuditEntry
from tests.factories import PensionRecordFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ja"])
def test_an_approval_requests_purpose_is_logged_in_japanese_whatever_the_screens_language(
    reference_data, clerk, language
):
    resident = PensionRecordFactory().resident
    with translation.override(language):
        reveal_approval_request(user=clerk, resident=resident, purpose="pension_office")
    entry = AuditEntry.objects.get(target="mynumber_reveal_approval")
    assert entry.purpose == "日本年金機構への照会・回答"
