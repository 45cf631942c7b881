"""Fixtures shared by the desk's tests (tests/workflows/)."""

import pytest

from tests.workflows import helpers as h


@pytest.fixture
def three_at_cross_check(clerk, django_capture_on_commit_callbacks):
    """Three cases entered by `clerk`, each with its 照合 open and unheld."""
    return [h.case_at_cross_check(clerk, django_capture_on_commit_callbacks) for _ in range(3)]
