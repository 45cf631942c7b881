from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Nenkin Desk 管理")
admin.site.site_title = "Nenkin Desk"

urlpatterns = [
    path("", include("cases.urls")),
    path("", include("workflows.urls")),
    path("", include("documents.urls")),
    path("admin/", admin.site.urls),
]
