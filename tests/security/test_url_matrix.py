"""Every URL pattern × every role against cases/security/access_matrix.py.

The patterns come from the resolver, not from a list here: a URL added without a matrix entry fails
``test_every_url_pattern_has_a_matrix_entry``, and an entry whose view lets the wrong role in (or
keeps the right one out) fails ``test_every_url_answers_each_role_as_the_matrix_says``.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group

from cases.registry.models.pension import MyNumber
from cases.registry.models.residents import Resident
from cases.security.access_matrix import URLS
from cases.security.access_rules import (
    ADMIN,
    ADMIN_FAMILY,
    ADMIN_NAMESPACE,
    ALLOW,
    ANONYMOUS,
    DENY,
    LOGIN,
    NOT_FOUND,
    READ_ONLY_POSTS,
    READ_ONLY_ROLES,
    ROLES,
)
from cases.security.authz import Route, url_routes
from cases.security.models.audit import AuditEntry
from cases.security.roles import ROLES_BY_CODE
from tests.conftest import make_user
from tests.security.matrix_client import METHOD_NOT_ALLOWED, RoleClients, concrete_path
from tests.security.world import url_values

# URL keywords that need another object than the default (the case must be in the bundle).
OVERRIDES = {"bundle_remove_case": {"case_id": "ready_case"}}


def desk_routes() -> list[Route]:
    return [route for route in url_routes() if route.namespace != ADMIN_NAMESPACE]


def admin_routes() -> list[Route]:
    return [route for route in url_routes() if route.namespace == ADMIN_NAMESPACE]


def test_every_url_pattern_has_a_matrix_entry():
    keys = {route.key for route in desk_routes()}
    missing = sorted(keys - set(URLS))
    assert not missing, (
        "cases/security/access_matrix.py の URLS に行がない URL パターンがあります (誰が使えるかを決めて追加してください): "
        + ", ".join(missing)
    )
    stale = sorted(set(URLS) - keys)
    assert not stale, "URLS に、もう存在しない URL の行があります: " + ", ".join(stale)


def test_read_only_roles_post_only_where_the_middleware_lets_them():
    for name, access in URLS.items():
        if access.post and access.post & READ_ONLY_ROLES:
            assert name in READ_ONLY_POSTS, f"{name}: 監査/委託先の POST を許すなら READ_ONLY_POSTS にも必要"


@pytest.fixture
def role_clients(clerk, supervisor, operator, auditor, admin_user):
    users = {
        "clerk": clerk,
        "supervisor": supervisor,
        "operator": operator,
        "auditor": auditor,
        "admin": admin_user,
    }
    return RoleClients(users)


def _values_for(route: Route, world) -> dict:
    values = url_values(world)
    for name, attr in OVERRIDES.get(route.key, {}).items():
        values[name] = getattr(world, attr).pk
    return values


@pytest.mark.django_db
def test_every_url_answers_each_role_as_the_matrix_says(world, role_clients):
    mismatches, requests = [], 0
    for route in desk_routes():
        access = URLS[route.key]
        path = concrete_path(route, _values_for(route, world))
        for method, allowed in (("GET", access.get), ("POST", access.post)):
            if method == "POST" and allowed is None:
                continue  # a screen that only shows: a POST is treated like a GET, nothing to add
            for role in (ANONYMOUS, *ROLES):
                if method == "GET" and allowed is None:
                    # A POST-only URL: never shown by a GET, whoever asks.
                    expected = LOGIN if role == ANONYMOUS and not access.public else METHOD_NOT_ALLOWED
                else:
                    expected = access.expected(role, method)
                got = role_clients.outcome(role, method, path)
                requests += 1
                if got != expected:
                    mismatches.append(
                        f"{method} {path} ({route.key}) as {role}: expected {expected}, got {got}"
                    )
    assert not mismatches, f"{len(mismatches)} of {requests} requests differ from the matrix:\n" + "\n".join(
        mismatches
    )
    assert requests > 300


def _admin_perm(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _admin_expected(route: Route, role: str, *, app_label: str = "") -> str:
    """The admin family's rule (cases/security/access_matrix.py ADMIN_FAMILY) for one admin URL."""
    if role == ANONYMOUS:
        return LOGIN
    if role not in ADMIN_FAMILY["staff_roles"]:
        return DENY
    perms = set(ROLES_BY_CODE[ADMIN].permissions)
    name = route.key.split(":", 1)[1]
    model_admin = getattr(route.callback, "model_admin", None)
    if name == "auth_user_password_change":  # UserAdmin's own page, for cases.User
        return ALLOW if "cases.change_user" in perms else DENY
    if model_admin is not None:
        model = model_admin.model
        if name.startswith("["):  # <object_id>/ only redirects to the change page
            return ALLOW
        action = name.rsplit("_", 1)[1]
        needed = {
            "changelist": ("view", "change"),
            "history": ("view", "change"),
            "change": ("view", "change"),
            "add": ("add",),
            "delete": ("delete",),
        }[action]
        return ALLOW if any(_admin_perm(model, a) in perms for a in needed) else DENY
    if name == "app_list":
        models = [m for m in admin.site._registry if m._meta.app_label == app_label]
        visible = any(_admin_perm(m, a) in perms for m in models for a in ("view", "change", "add", "delete"))
        return ALLOW if visible else NOT_FOUND
    return {
        "index": ALLOW,
        "login": ALLOW,  # a signed-in administrator is sent on to the index
        "password_change": ALLOW,
        "password_change_done": ALLOW,
        "jsi18n": ALLOW,
        "autocomplete": DENY,  # without its parameters
        "view_on_site": NOT_FOUND,  # no model here has a public page
    }.get(name, NOT_FOUND)  # the catch-all


def _admin_paths(route: Route, world, clerk) -> list[tuple[str, str]]:
    """(path, app label) for one admin pattern."""
    name = route.key.split(":", 1)[1]
    if name == "app_list":
        labels = sorted({m._meta.app_label for m in admin.site._registry})
        return [(f"/admin/{label}/", label) for label in labels]
    if route.route.endswith("$") and "url" in route.route:  # the catch-all
        return [("/admin/no-such-page/", "")]
    model_admin = getattr(route.callback, "model_admin", None)
    model = model_admin.model if model_admin else None
    if name == "auth_user_password_change":
        model = type(clerk)
    object_id = model._default_manager.order_by("pk").values_list("pk", flat=True).first() if model else None
    values = {"object_id": object_id, "id": object_id, "content_type_id": 1}
    if name == "view_on_site":
        values["object_id"] = clerk.pk
    return [(concrete_path(route, values), "")]


@pytest.mark.django_db
def test_the_admin_lets_in_only_the_admin_role_and_only_to_its_models(world, role_clients, clerk):
    mismatches, requests = [], 0
    for route in admin_routes():
        if route.key == "admin:logout":
            continue  # POST only; tests/security/test_csrf.py posts to it
        for path, app_label in _admin_paths(route, world, clerk):
            for role in (ANONYMOUS, *ROLES):
                expected = _admin_expected(route, role, app_label=app_label)
                got = role_clients.outcome(role, "GET", path)
                requests += 1
                if got != expected:
                    mismatches.append(f"GET {path} ({route.key}) as {role}: expected {expected}, got {got}")
    assert not mismatches, f"{len(mismatches)} of {requests} admin requests differ:\n" + "\n".join(mismatches)
    assert requests > 200


@pytest.mark.django_db
def test_the_admin_shows_no_personal_data_models(admin_user, client):
    """宛名, 個人番号 and the access log are never in the admin, not even read-only."""
    registered = {model._meta.label for model in admin.site._registry}
    assert registered <= {
        "auth.Group",
        "cases.User",
        "cases.Office",
        "cases.LoginAttempt",
        "cases.RoleGrant",  # staff and roles only (issue 11: grants wait for a second administrator)
        "django_celery_beat.PeriodicTask",
        "django_celery_beat.CrontabSchedule",
        "django_celery_beat.IntervalSchedule",
        "django_celery_beat.SolarSchedule",
        "django_celery_beat.ClockedSchedule",
    }, "a model added to the admin must be checked for personal data first"
    for model in (Resident, MyNumber, AuditEntry):
        assert model not in admin.site._registry
    client.force_login(admin_user)
    for path in ("/admin/cases/auditentry/", "/admin/cases/mynumber/", "/admin/cases/resident/"):
        assert client.get(path).status_code == 404
    index = client.get("/admin/").content.decode()
    assert "個人番号" not in index and "アクセス記録" not in index


@pytest.mark.django_db
def test_a_superuser_cannot_edit_workflow_tasks_in_the_admin(office, client):
    """Not even the break-glass account: a task's owner and status change only through the desk."""
    root = make_user("root1", "admin", office)
    root.is_staff = root.is_superuser = True
    root.save()
    client.force_login(root)
    assert client.get("/admin/viewflow/task/").status_code == 404
    assert client.get("/admin/viewflow/process/").status_code == 404
    assert client.get("/admin/auth/group/").status_code == 200  # the superuser does see the groups


@pytest.mark.django_db
def test_roles_are_groups_the_admin_role_cannot_edit(admin_user, client):
    client.force_login(admin_user)
    group = Group.objects.get(name=ROLES_BY_CODE["clerk"].group)
    assert client.get(f"/admin/auth/group/{group.pk}/change/").status_code == 403
