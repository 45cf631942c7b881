import pytest

from tests.security.world import build_world


@pytest.fixture
def world(clerk, clerk2, supervisor, admin_user, django_capture_on_commit_callbacks, settings, tmp_path):
    """One of everything a URL can point at (tests/security/world.py), files under a private MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_world(
        clerk=clerk,
        clerk2=clerk2,
        supervisor=supervisor,
        admin_user=admin_user,
        capture=django_capture_on_commit_callbacks,
    )


# Sent cases and result lines for the results tests of issue 11 (tests/security/test_i11_results.py).
from tests.results.conftest import bundle, send  # noqa: E402, F401
