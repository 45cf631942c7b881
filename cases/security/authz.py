"""Authorization guards for views, and the check that every URL has one.

Every view reachable from ``config.urls`` must say who may use it, in a way this module can read:

- Django's ``permission_required`` (or our ``permission_any`` below, when one of several permissions
  is enough), or a class-based view with ``PermissionRequiredMixin``;
- an admin-site view (the admin checks ``is_staff`` and each model's permissions itself);
- or the URL is named in ``cases.security.access_rules.PUBLIC`` (no login: the login screens),
  ``ANY_STAFF`` (any logged-in user, with the reason written there) or ``SELF_CHECKED`` (the view
  checks a named permission in its body, e.g. to log the refusal).

The system check ``nenkin.E101`` (and tests/security/test_view_guard.py) refuses anything else, so a
new view that forgets its permission stops ``manage.py check`` and the test suite.
"""

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import user_passes_test
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.checks import Error, register
from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, URLResolver, get_resolver


def permission_any(*perms: str) -> Callable:
    """Like ``permission_required(..., raise_exception=True)``, but one of ``perms`` is enough."""

    def check(user) -> bool:
        if any(user.has_perm(perm) for perm in perms):
            return True
        raise PermissionDenied

    def decorator(view: Callable) -> Callable:
        guarded = user_passes_test(check)(view)
        guarded.nenkin_permissions_any = tuple(perms)
        return guarded

    return decorator


@dataclass(frozen=True)
class ViewGuard:
    """What a view declares about its users: the permissions (all of them, or any of them)."""

    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    admin: bool = False
    public: bool = False

    @property
    def declared(self) -> bool:
        return bool(self.all_of or self.any_of or self.admin)


def _closure_values(fn) -> Iterator:
    for cell in getattr(fn, "__closure__", None) or ():
        try:
            yield cell.cell_contents
        except ValueError:  # an empty cell
            continue


def _permission_required_perms(fn) -> tuple[str, ...]:
    """The perms of Django's ``permission_required``, read from its ``check_perms`` closure."""
    for value in _closure_values(fn):
        if getattr(value, "__qualname__", "").startswith("permission_required."):
            for inner in _closure_values(value):
                if isinstance(inner, tuple) and all(isinstance(p, str) for p in inner):
                    return inner
    return ()


def view_guard(callback: Callable) -> ViewGuard:
    """Reads the guards stacked on a URL's callback (decorators are followed through __wrapped__)."""
    if hasattr(callback, "admin_site") or hasattr(callback, "model_admin"):
        return ViewGuard(admin=True)
    view_class = getattr(callback, "view_class", None)
    all_of: list[str] = []
    any_of: list[str] = []
    if view_class is not None and issubclass(view_class, PermissionRequiredMixin):
        required = view_class.permission_required
        all_of.extend([required] if isinstance(required, str) else list(required or ()))
    # Decorators nest functions: follow __wrapped__ and the functions each wrapper closes over.
    pending, seen = [callback], set()
    while pending:
        fn = pending.pop()
        if id(fn) in seen or not callable(fn):
            continue
        seen.add(id(fn))
        values = list(_closure_values(fn))
        if any(isinstance(value, AdminSite) for value in values):
            return ViewGuard(admin=True)  # AdminSite.admin_view used directly (UserAdmin's password page)
        all_of.extend(_permission_required_perms(fn))
        any_of.extend(getattr(fn, "nenkin_permissions_any", ()) or ())
        pending.extend(value for value in values if inspect.isfunction(value))
        if getattr(fn, "__wrapped__", None) is not None:
            pending.append(fn.__wrapped__)
    public = getattr(callback, "login_required", True) is False
    return ViewGuard(all_of=tuple(dict.fromkeys(all_of)), any_of=tuple(dict.fromkeys(any_of)), public=public)


@dataclass(frozen=True)
class Route:
    """One URL pattern: its name as the access matrix knows it, an example path, and its view."""

    key: str
    route: str
    callback: Callable
    pattern: URLPattern
    namespace: str


def route_key(namespace: str, pattern: URLPattern, route: str) -> str:
    if pattern.name:
        return f"{namespace}:{pattern.name}" if namespace else pattern.name
    # The admin has a few unnamed patterns (the object redirect, the catch-all).
    return f"{namespace}:[{route}]" if namespace else f"[{route}]"


def url_routes(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> list[Route]:
    """Every URL pattern reachable from ROOT_URLCONF, walking included resolvers."""
    resolver = resolver or get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(p for p in (namespace, pattern.namespace) if p)
            routes.extend(url_routes(pattern, prefix + str(pattern.pattern), inner))
        else:
            route = prefix + str(pattern.pattern)
            routes.append(
                Route(route_key(namespace, pattern, route), route, pattern.callback, pattern, namespace)
            )
    return routes


def unguarded_routes() -> list[str]:
    """Messages for every URL whose view neither declares a permission nor is listed in the matrix."""
    from cases.security.access_rules import ADMIN_NAMESPACE, ANY_STAFF, PUBLIC, SELF_CHECKED

    problems = []
    for route in url_routes():
        guard = view_guard(route.callback)
        view = f"{getattr(route.callback, '__module__', '?')}.{getattr(route.callback, '__qualname__', '?')}"
        if route.namespace == ADMIN_NAMESPACE and (guard.admin or route.key in PUBLIC):
            continue
        if guard.public and route.key not in PUBLIC:
            problems.append(
                f"{route.key} ({view}) はログインなしで使えますが、access_rules.PUBLIC にありません"
            )
        elif route.key in PUBLIC and not guard.public:
            problems.append(f"{route.key} ({view}) は PUBLIC ですが、login_not_required がありません")
        elif not guard.public and not guard.declared and route.key not in {**ANY_STAFF, **SELF_CHECKED}:
            problems.append(
                f"{route.key} ({view}) に権限の確認がありません: permission_required / permission_any を"
                "付けるか、cases/security/access_rules.py の ANY_STAFF に理由とともに載せてください"
            )
    return problems


@register("security")
def check_views_are_guarded(app_configs=None, **kwargs) -> list[Error]:
    return [Error(problem, id="nenkin.E101") for problem in unguarded_routes()]
