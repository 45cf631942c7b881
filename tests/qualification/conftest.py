import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def today_refresh(module) -> None:
    """Set a test module's ``TODAY`` to the date as the test starts. The modules read it once on import, so
    a run collected before 00:00 JST and run after it compared the code's new day with the tests' old one."""
    if hasattr(module, "TODAY"):
        module.TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def today_per_test(request):
    today_refresh(request.module)
