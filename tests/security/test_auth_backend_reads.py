"""The user and permission reads of every request, compiled once per process (cases/security/auth_backend.py,
issue 15): the same user and the same permissions as Django's ModelBackend reads, for each kind of user."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from cases.security.auth_backend import DeskBackend
from cases.security.models.users import User
from cases.security.superusers import superuser_permissions_filter
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no permission cache carried over


def _both(user: User, method: str) -> tuple[set[str], set[str]]:
    ours = getattr(DeskBackend(), method)(_fresh(user))
    djangos = superuser_permissions_filter(user, getattr(ModelBackend(), method)(_fresh(user)))
    return ours, djangos


def test_the_permissions_are_model_backends(office, clerk, supervisor):
    direct = make_user("direct", "clerk", office)
    direct.user_permissions.add(Permission.objects.get(codename="reassign_task"))
    admin = User.objects.create_superuser("root", password="pw-for-tests-only-1")
    inactive = make_user("gone", "clerk", office)
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    for user in (clerk, supervisor, direct, admin, _fresh(inactive)):
        for method in ("get_user_permissions", "get_group_permissions", "get_all_permissions"):
            ours, djangos = _both(user, method)
            assert ours == djangos, (user, method)
    assert "cases.reassign_task" in DeskBackend().get_user_permissions(_fresh(direct))
    assert DeskBackend().get_all_permissions(_fresh(clerk))  # not the empty set of a broken read
    assert DeskBackend().get_all_permissions(_fresh(inactive)) == set()


def test_the_user_is_read_with_its_office_and_refused_when_inactive(office, clerk):
    backend = DeskBackend()
    found = backend.get_user(clerk.pk)
    assert found == clerk and found.office == office
    assert "office" in found._state.fields_cache  # read with the user, not by a query of its own
    assert backend.get_user(999_999) is None
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    assert backend.get_user(clerk.pk) is None
