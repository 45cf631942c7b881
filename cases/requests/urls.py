from django.urls import path

from cases.requests import views

urlpatterns = [
    path(
        "residents/<int:resident_id>/suspension/lift/",
        views.resident_use_resume_view,
        name="resident_use_resume",
    ),
]
