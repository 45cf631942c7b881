from django.urls import path

from cases.registry.views import imports, residents, reveals

urlpatterns = [
    path("imports/", imports.imports_index, name="imports"),
    path("imports/<int:batch_id>/", imports.imports_detail, name="imports_detail"),
    path("imports/<int:batch_id>/progress/", imports.imports_progress_json, name="imports_progress"),
    path("residents/<int:resident_id>/", residents.resident_detail, name="resident_detail"),
    path("residents/<int:resident_id>/mynumber/", residents.resident_mynumber, name="resident_mynumber"),
    path("residents/<int:resident_id>/income/", residents.resident_income, name="resident_income"),
    path("mynumber/approvals/", reveals.reveal_approvals, name="reveal_approvals"),
]
