from django.urls import path

from documents import operator, views

urlpatterns = [
    path("documents/<int:document_id>/", views.document_download, name="document_download"),
    path(
        "documents/<int:document_id>/regenerate/",
        views.document_regenerate_view,
        name="document_regenerate",
    ),
    path(
        "cases/<int:case_id>/documents/<slug:kind>/preview/", views.document_preview, name="document_preview"
    ),
    path("cases/<int:case_id>/documents/<slug:kind>/issue/", views.document_issue, name="document_issue"),
    path("reports/", operator.operator_reports, name="operator_reports"),
]
