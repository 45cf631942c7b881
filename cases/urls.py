"""Every screen of the cases app, one include per part (mounted at the site root by config/urls.py)."""

from django.urls import include, path

urlpatterns = [
    path("", include("cases.security.urls")),
    path("", include("cases.registry.urls")),
    path("", include("cases.exemption.urls")),
    path("", include("cases.requests.urls")),
    path("", include("cases.submission.urls")),
]
