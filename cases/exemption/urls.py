from django.urls import path

from cases.exemption import views

urlpatterns = [
    path("consultation/", views.consultation, name="consultation"),
]
