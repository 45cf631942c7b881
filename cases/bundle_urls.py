"""The weekly bundle screens, mounted at /bundles/ by config/urls.py."""

from django.urls import path

from cases.views import bundles

urlpatterns = [
    path("", bundles.bundle_list, name="bundle_list"),
    path("build/", bundles.bundle_build, name="bundle_build"),
    path("<int:bundle_id>/", bundles.bundle_detail, name="bundle_detail"),
    path(
        "<int:bundle_id>/cases/<int:case_id>/remove/", bundles.bundle_remove_case, name="bundle_remove_case"
    ),
    path("<int:bundle_id>/seal/", bundles.bundle_seal, name="bundle_seal"),
    path("<int:bundle_id>/rebuild/", bundles.bundle_rebuild, name="bundle_rebuild"),
    path("<int:bundle_id>/download/", bundles.bundle_download, name="bundle_download"),
    path("<int:bundle_id>/hand-over/", bundles.bundle_hand_over, name="bundle_hand_over"),
]
