"""処理結果一覧表の取込, 突合 queue and 住基への移転 (mounted from config/urls.py)."""

from django.urls import path

from cases.views import results, transfers

urlpatterns = [
    path("results/", results.results_index, name="results_index"),
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
