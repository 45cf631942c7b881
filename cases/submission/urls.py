"""The weekly bundle (under /bundles/), 処理結果一覧表の取込 with its 突合 queue, and 住基への移転."""

from django.urls import include, path

from cases.submission.views import bundle_drafts, bundle_sealing, bundles, result_uploads, results, transfers

bundle_patterns = [
    path("", bundles.bundle_list, name="bundle_list"),
    path("build/", bundles.bundle_build, name="bundle_build"),
    path("build/off-cycle/", bundles.bundle_build_off_cycle, name="bundle_build_off_cycle"),
    path("<int:bundle_id>/", bundles.bundle_detail, name="bundle_detail"),
    path("<int:bundle_id>/progress/", bundles.bundle_progress_json, name="bundle_progress"),
    path(
        "<int:bundle_id>/cases/<int:case_id>/remove/",
        bundle_drafts.bundle_remove_case,
        name="bundle_remove_case",
    ),
    path("<int:bundle_id>/seal/", bundle_sealing.bundle_seal, name="bundle_seal"),
    path("<int:bundle_id>/rebuild/", bundle_drafts.bundle_rebuild, name="bundle_rebuild"),
    path("<int:bundle_id>/download/", bundles.bundle_download, name="bundle_download"),
    path("<int:bundle_id>/hand-over/", bundle_sealing.bundle_hand_over, name="bundle_hand_over"),
]

urlpatterns = [
    path("bundles/", include(bundle_patterns)),
    path("results/", results.results_index, name="results_index"),
    path(
        "results/uploads/<int:upload_id>/", result_uploads.result_upload_detail, name="result_upload_detail"
    ),
    path("results/discrepancies/", results.discrepancy_list, name="discrepancy_list"),
    path(
        "results/discrepancies/<int:discrepancy_id>/", results.discrepancy_detail, name="discrepancy_detail"
    ),
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/<int:transfer_id>/", transfers.transfer_detail, name="transfer_detail"),
    path("transfers/<int:transfer_id>/decide/", transfers.transfer_decide_view, name="transfer_decide"),
    path("transfers/<int:transfer_id>/produce/", transfers.transfer_produce_view, name="transfer_produce"),
    path("transfers/<int:transfer_id>/download/", transfers.transfer_download, name="transfer_download"),
]
